using ActorBot.Host.Cli;
using ActorBot.Venues.Simulator;

namespace ActorBot.Host.Tests.Cli;

/// <summary><c>actorbot preflight</c>: one line per check, exit 0 when all pass and 1 naming what failed.</summary>
public sealed class PreflightTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-preflight-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Output)> Preflight(string hocon, string? mode = null)
    {
        var path = Path.Combine(_dir, "op.conf");
        await File.WriteAllTextAsync(path, $"actorbot.state-dir = \"{_dir}/state\"\n{hocon}");
        using var output = new StringWriter();
        // No venue keys in this test's environment, whatever other tests put in the process's.
        var code = await PreflightCommand.RunAsync(path, mode, output, _ => null, CancellationToken.None);
        return (code, output.ToString());
    }

    [Fact(DisplayName = "On the embedded defaults every check passes against the embedded simulator: config, settings, gates, keys, state dir, venue, clock, filters")]
    public async Task Defaults_pass()
    {
        var (code, output) = await Preflight(string.Empty);

        code.Should().Be(0, output);
        foreach (var check in new[] { "config", "settings", "gates", "venue keys", "state dir", "venue", "clock offset", "filters BTCUSD_PERP" })
        {
            output.Should().Contain($"preflight {check}: PASS");
        }

        output.Should().Contain("all checks pass").And.NotContain("FAIL");
        Directory.Exists(Path.Combine(_dir, "state")).Should().BeTrue();
    }

    [Fact(DisplayName = "Against a venue (simulator off) an unknown symbol fails its filters check, testnet without keys fails the keys check; exit 1, nothing printed of a key")]
    public async Task Unknown_symbol_and_missing_keys_fail()
    {
        await using var venue = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, AutoStartReplay = false });
        var (code, output) = await Preflight($$"""
            actorbot.simulator.enabled = off
            actorbot.symbols = [BTCUSDT, NOPEUSDT]
            actorbot.venues.binance-usdm.testnet { rest-base-url = "{{venue.RestUri}}", ws-base-url = "{{venue.WsUri}}" }
            """, "testnet");

        code.Should().Be(1, output);
        output.Should().Contain("preflight venue: PASS").And.Contain("preflight filters BTCUSDT: PASS")
            .And.Contain("preflight filters NOPEUSDT: FAIL (unknown symbol on this venue")
            .And.Contain("preflight venue keys: FAIL").And.Contain("check(s) failed");
    }

    [Fact(DisplayName = "A config with an unknown key fails the config check with its name, exit 1")]
    public async Task Bad_config_fails()
    {
        var (code, output) = await Preflight("actorbot.risk.daily-los-cap-usd = 1");

        code.Should().Be(1);
        output.Should().Contain("preflight config: FAIL").And.Contain("actorbot.risk.daily-los-cap-usd");
    }
}
