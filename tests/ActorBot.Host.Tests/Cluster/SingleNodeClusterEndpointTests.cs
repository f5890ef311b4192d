using System.Net;
using ActorBot.Domain.Modes;
using ActorBot.Host.Cli;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Cli;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Cluster;

/// <summary>A single-node service (cluster off): <c>/cluster</c> says so with 404, and <c>actorbot cluster status</c> exits 1.</summary>
public sealed class SingleNodeClusterEndpointTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-nocluster-").FullName;
    private WebApplication? _app;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var configuration = ServiceConfiguration.Load(null, _ => null)
            .WithOverlay($"actorbot.state-dir = \"{_dir.Replace("\\", "\\\\", StringComparison.Ordinal)}\"", "the test's state directory");
        _app = ServiceHost.Build(configuration, TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "/cluster on a single-node service is 404 with an error saying cluster mode is off")]
    public async Task Cluster_is_404_when_off()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_url) };

        var response = await http.GetAsync("/cluster");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"cluster mode is off");
    }

    [Fact(DisplayName = "actorbot cluster status against a single-node service exits 1 with the 404 in one line")]
    public async Task Status_exits_1_when_off()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ClusterCommand.StatusAsync(_url, token: null, stdout, stderr, CancellationToken.None);

        code.Should().Be(1);
        stdout.ToString().Should().BeEmpty();
        stderr.ToString().Trim().Should().Contain("answered 404").And.Contain("cluster mode is off").And.NotContain("\n");
    }

    [Fact(DisplayName = "actorbot cluster status with a bad URL exits 2; with nothing listening, 1")]
    public async Task Bad_url_and_nothing_listening()
    {
        (await ClusterCommand.StatusAsync("not a url", null, TextWriter.Null, TextWriter.Null, CancellationToken.None)).Should().Be(2);
        (await ClusterCommand.StatusAsync("ftp://127.0.0.1:1", null, TextWriter.Null, TextWriter.Null, CancellationToken.None)).Should().Be(2);
        (await ClusterCommand.StatusAsync("http://127.0.0.1:1", null, TextWriter.Null, TextWriter.Null, CancellationToken.None)).Should().Be(1);
    }

    [Fact(DisplayName = "The actorbot executable: cluster status --help describes --node; run --cluster on the embedded simulator is refused, exit 2, one line")]
    public async Task Executable_help_and_refusal()
    {
        using (var help = ActorbotProcess.StartDll(["cluster", "status", "--help"], _dir))
        {
            (await help.WaitForExit(TimeSpan.FromMinutes(1))).Should().Be(0);
            help.Stdout.Should().Contain("--node").And.Contain("--token");
        }

        using var run = ActorbotProcess.StartDll(["run", "--cluster"], _dir, new Dictionary<string, string?> { ["ACTORBOT_CLUSTER_SEED_NODES"] = "akka.tcp://actorbot@127.0.0.1:4053" });
        (await run.WaitForExit(TimeSpan.FromMinutes(1))).Should().Be(2);
        run.StderrLines.Should().ContainSingle().Which.Should().Contain("cluster mode needs one venue all nodes share");
        Directory.Exists(Path.Combine(_dir, "state")).Should().BeFalse("nothing started");
    }
}
