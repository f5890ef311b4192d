using ActorBot.Hocon.Configuration;
using Microsoft.Extensions.Configuration;

namespace ActorBot.Hocon.Tests.Configuration;

public sealed class HoconConfigurationProviderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hocon-provider-");

    public void Dispose() => _dir.Delete(recursive: true);

    private sealed class HttpOptions
    {
        public string Host { get; set; } = string.Empty;

        public int Port { get; set; }

        public TimeSpan Timeout { get; set; }

        public List<string> Origins { get; set; } = new();

        public bool Enabled { get; set; }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact(DisplayName = "AddHocon binds options from a HOCON file like AddJsonFile does")]
    public void AddHocon_binds_options()
    {
        Write("base.conf", "actorbot.http.port = 8080");
        var path = Write("app.conf", """
            include "base.conf"
            actorbot {
              http {
                host = 127.0.0.1
                port = ${actorbot.http.port}
                timeout = "00:00:05"
                origins = [a, b]
                enabled = true
                mode = on
              }
            }
            """);
        var configuration = new ConfigurationBuilder()
            .AddHocon(source =>
            {
                source.Path = path;
                source.EnvironmentLookup = HoconLoadOptions.NoEnvironment;
                source.ResolveFileProvider();
            })
            .Build();

        var options = configuration.GetSection("actorbot:http").Get<HttpOptions>()!;
        options.Host.Should().Be("127.0.0.1");
        options.Port.Should().Be(8080);
        options.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        options.Origins.Should().Equal("a", "b");
        options.Enabled.Should().BeTrue();
        configuration["actorbot:http:mode"].Should().Be("on", "HOCON strings reach IConfiguration verbatim");
    }

    [Fact(DisplayName = "Environment variables added after AddHocon still override its values")]
    public void Environment_overrides_keep_working()
    {
        var path = Write("app.conf", "actorbot.http.port = 8080\nactorbot.http.host = localhost");
        var name = "ACTORBOT_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name + "__actorbot__http__port", "9090");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddHocon(path)
                .AddEnvironmentVariables(prefix: name + "__")
                .Build();
            configuration["actorbot:http:port"].Should().Be("9090");
            configuration["actorbot:http:host"].Should().Be("localhost");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name + "__actorbot__http__port", null);
        }
    }

    [Fact(DisplayName = "An invalid HOCON file fails the configuration build with the file, line and column")]
    public void Invalid_file_fails_with_position()
    {
        var path = Write("bad.conf", "a = [1,\n");
        var act = () => new ConfigurationBuilder().AddHocon(path).Build();
        var error = act.Should().Throw<Exception>().Which;
        var hocon = error as HoconException ?? error.InnerException as HoconException;
        hocon.Should().NotBeNull(error.ToString());
        hocon!.File.Should().EndWith("bad.conf");
        hocon.Line.Should().Be(2);
    }

    [Fact(DisplayName = "A missing optional file is skipped and a missing required one fails")]
    public void Optional_and_required_files()
    {
        new ConfigurationBuilder().AddHocon(Path.Combine(_dir.FullName, "none.conf"), optional: true).Build()
            .AsEnumerable().Should().BeEmpty();
        var act = () => new ConfigurationBuilder().AddHocon(Path.Combine(_dir.FullName, "none.conf")).Build();
        act.Should().Throw<FileNotFoundException>();
    }

    [Fact(DisplayName = "Flattening keeps empty objects and nulls as keys without values")]
    public void Flatten_shapes()
    {
        var data = HoconConfigurationProvider.Flatten(HoconLoader.Parse("a {}\nb = null\nc = [x, {d = 1}]", "t", new HoconLoadOptions { EnvironmentLookup = HoconLoadOptions.NoEnvironment }));
        data.Should().Contain(new KeyValuePair<string, string?>("a", null));
        data.Should().Contain(new KeyValuePair<string, string?>("b", null));
        data["c:0"].Should().Be("x");
        data["c:1:d"].Should().Be("1");
    }
}
