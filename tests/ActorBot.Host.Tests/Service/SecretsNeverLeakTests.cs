using ActorBot.Host.Tests.Cli;
using ActorBot.Venues.Simulator;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// Known fake credentials given to a real `actorbot run` (testnet mode against the loopback simulator, market data
/// flowing; the Telegram HUD on, failing against a dead Bot API URL) never appear in anything it prints, in <c>/config</c>, or in the refusal of a live start.
/// </summary>
public sealed class SecretsNeverLeakTests : IAsyncLifetime
{
    private const string FakeKey = "FAKEKEY-9f2c1e7d-never-print-me";
    private const string FakeSecret = "FAKESECRET-41b8d0aa-never-print-me";
    private const string FakeDbPassword = "FAKEPG-0c1d2e3f";
    private const string FakeTelegramToken = "987654321:FAKETG-5e6f7a8b-never-print-me";
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-secrets-").FullName;
    private SimulatorHost? _sim;

    public async Task InitializeAsync() =>
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            DataFiles = [Path.Combine(AppContext.BaseDirectory, "Data", "hftbacktest", "btcusdt_20230404.dat.gz")],
            Speed = 20,
            RebaseTimestamps = true,
        });

    public async Task DisposeAsync()
    {
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Dictionary<string, string?> Env() => new()
    {
        ["BINANCE_API_KEY"] = FakeKey,
        ["BINANCE_API_SECRET"] = FakeSecret,
        ["ACTORBOT_PG_PASSWORD"] = FakeDbPassword,
        ["ACTORBOT_KILL_TOKEN"] = null,
        // The HUD is on and every send fails (nothing listens at its base URL): its errors must not carry the token.
        ["ACTORBOT_TELEGRAM_BOT_TOKEN"] = FakeTelegramToken,
        ["ACTORBOT_TELEGRAM_CHAT_ID"] = "4242",
    };

    [Fact(DisplayName = "Fake venue keys and a DB password never appear in run's output, /config, its state files (startup artifacts, telemetry) or a refused live start")]
    public async Task Secrets_never_leak()
    {
        var config = Path.Combine(_dir, "run.conf");
        await File.WriteAllTextAsync(config, $$"""
            actorbot.state-dir = "{{_dir}}"
            # This test's own simulator, reached with the fake keys from the environment (not the embedded one).
            actorbot.simulator.enabled = off
            actorbot.venues.binance-usdm.testnet { rest-base-url = "{{_sim!.RestUri}}", ws-base-url = "{{_sim.WsUri}}" }
            # A password in an unused PostgreSQL connection string (in a plugin section: an unknown actorbot key is refused): /config must redact it.
            akka.unused-example.connection-string = "Host=db;Username=bot;Password="${ACTORBOT_PG_PASSWORD}
            # A dead Bot API: the HUD's token must not leak from its failures either.
            actorbot.hud.telegram.base-url = "http://127.0.0.1:9"
            actorbot.hud.send-timeout = 1s
            """);
        using var run = ActorbotProcess.StartDll(["run", "--config", config, "--trade-mode", "testnet", "--http-port", "0", "--duration", "20s"], _dir, Env());
        var url = (await run.WaitForLine(@"probe on (http://\S+)", TimeSpan.FromSeconds(60))).Groups[1].Value.TrimEnd(',');
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var configJson = await http.GetStringAsync("/config");
        var metrics = await http.GetStringAsync("/metrics");
        run.Terminate();
        // A bound, not a wait: a graceful stop (coordinated shutdown, snapshots, the simulator) took over 30 s once
        // on a machine with a load average of 26.
        (await run.WaitForExit(TimeSpan.FromSeconds(90))).Should().Be(0, run.Stderr);

        using var live = ActorbotProcess.StartDll(["run", "--trade-mode", "live", "--http-port", "0"], _dir, Env());
        (await live.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(2);

        // The files run leaves in the state directory: startup artifacts, telemetry, summary, drift.
        var files = Directory.EnumerateFiles(_dir, "*.json*").Select(File.ReadAllText).ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(3, "config_resolved.json, build_info.json and telemetry.jsonl at least");
        var everything = string.Join('\n', [run.Stdout, run.Stderr, configJson, metrics, live.Stdout, live.Stderr, .. files]);
        everything.Should().Contain("arm-check").And.Contain("actorbot_up").And.Contain("Telegram HUD on").And.Contain("HUD message not delivered");
        configJson.Should().Contain("redacted");
        foreach (var secret in new[] { FakeKey, FakeSecret, FakeDbPassword, FakeTelegramToken, "FAKETG-5e6f7a8b" })
        {
            everything.Should().NotContain(secret);
        }
    }
}
