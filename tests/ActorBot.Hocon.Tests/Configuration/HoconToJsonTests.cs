namespace ActorBot.Hocon.Tests.Configuration;

/// <summary>The behaviour of <c>actorbot config hocon-to-json</c> (the command delegates to <see cref="HoconToJson"/>).</summary>
public sealed class HoconToJsonTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hocon-to-json-");

    public void Dispose() => _dir.Delete(recursive: true);

    private (int Code, string Out, string Err) Run(string path, Func<string, string?>? env = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = HoconToJson.Run(path, stdout, stderr, env ?? HoconLoadOptions.NoEnvironment);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact(DisplayName = "A valid file prints the resolved tree as JSON with sorted keys and exits 0")]
    public void Valid_file_prints_sorted_json()
    {
        var path = Path.Combine(_dir.FullName, "a.conf");
        File.WriteAllText(path, "z = 1\na { y = ${z}, b = [x] }\ndb.password = hunter2\nurl = \"u:\"${?DB_PASSWORD}");
        var (code, output, error) = Run(path, k => k == "DB_PASSWORD" ? "s3cret" : null);
        code.Should().Be(0);
        error.Should().BeEmpty();
        output.ReplaceLineEndings("\n").Should().Be("""
            {
              "a": {
                "b": [
                  "x"
                ],
                "y": 1
              },
              "db": {
                "password": "<redacted>"
              },
              "url": "u:<redacted:DB_PASSWORD>",
              "z": 1
            }

            """);
    }

    [Fact(DisplayName = "An invalid file exits 2 with one stderr line naming file, line, column and what was expected")]
    public void Invalid_file_exits_2()
    {
        var path = Path.Combine(_dir.FullName, "bad.conf");
        File.WriteAllText(path, "a {\n  b = [1, 2\n}\n");
        var (code, output, error) = Run(path);
        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be($"actorbot config hocon-to-json: {path}:3:1: unexpected '}}'; expected an array element or ']'{Environment.NewLine}");
    }

    [Fact(DisplayName = "A missing file exits 2 naming it")]
    public void Missing_file_exits_2()
    {
        var (code, _, error) = Run(Path.Combine(_dir.FullName, "none.conf"));
        code.Should().Be(2);
        error.Should().Contain("none.conf").And.Contain("does not exist");
    }

    [Fact(DisplayName = "The repository's hocon/actorbot.conf converts cleanly")]
    public void Service_config_converts()
    {
        var (code, output, _) = Run(Path.Combine(AppContext.BaseDirectory, "Hocon", "actorbot.conf"));
        code.Should().Be(0);
        output.Should().Contain("\"trade-mode\": \"auto\"");
    }
}
