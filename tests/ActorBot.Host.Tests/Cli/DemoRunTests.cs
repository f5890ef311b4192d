using System.Text.Json;

namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// The README's first command, as written, on a fresh working directory: `run` on the embedded defaults starts the
/// in-process venue simulator, replays the bundled day over loopback in testnet mode, trades it through /risk and
/// /execution with exchange-hosted brackets, and ends on its own with a summary and exit 0. Only the probe port is
/// moved (ACTORBOT_HTTP_PORT=0) so it cannot clash with another test's service.
/// </summary>
public sealed class DemoRunTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(DisplayName = "The README's first command trades the bundled day on the embedded simulator and ends with a summary, exit 0")]
    public async Task First_command_runs_the_demo_to_its_summary()
    {
        var first = File.ReadLines(ReadmeCommands.ReadmePath).First(l => l.StartsWith(ReadmeCommands.RunPrefix, StringComparison.Ordinal));
        var args = first[ReadmeCommands.RunPrefix.Length..].Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        args.Should().Equal(["run"], "the README starts with the service on its embedded defaults");

        using var run = ActorbotProcess.StartDll(args, _dir, new Dictionary<string, string?> { ["ACTORBOT_HTTP_PORT"] = "0" });
        var code = await run.WaitForExit(Deadline);

        code.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("venue binance-usdm is the embedded simulator")
            .And.Contain("trade mode testnet armed")
            .And.Contain("the embedded simulator's data ended (105280 aggTrade frames")
            .And.Contain("summary (testnet, binance-usdm");
        // The liquidation subtree ran on the replayed tape, the recorded OI and the depth window (issue 12).
        var liquidations = System.Text.RegularExpressions.Regex.Match(run.Stdout,
            @"liquidations BTCUSD_PERP: (\d+) forced liquidations, \d+ inferences, pools (\d+) long / (\d+) short, zones (\d+) long / (\d+) short, calibrations (\d+), book frames (\d+)");
        liquidations.Success.Should().BeTrue(run.Stdout);
        long Figure(int group) => long.Parse(liquidations.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        Figure(1).Should().BePositive("the simulator replays the recorded liquidation tape");
        (Figure(4) + Figure(5)).Should().BePositive("zones were built");
        Figure(7).Should().BePositive("the book took frames from the depth window");

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "state", "summary.json")));
        var root = summary.RootElement;
        root.GetProperty("mode").GetString().Should().Be("testnet");
        root.GetProperty("decisions").GetInt64().Should().Be(21, "the bundled day has 21 shock-flip events");
        root.GetProperty("trades").GetInt64().Should().BeGreaterThan(0, "entries went to the venue and closed there");
        root.GetProperty("venue_requests").EnumerateObject().Select(p => p.Name)
            .Should().Contain("POST /fapi/v1/order ok").And.Contain("POST /fapi/v1/algoOrder ok", "brackets go through the Algo Order API");
        root.GetProperty("exits_by_reason").EnumerateObject().Select(p => p.Name).Should().NotBeEmpty();
        root.GetProperty("missing").GetArrayLength().Should().Be(0, "every actor answered");

        // Startup artifacts (docs/telemetry.md): the redacted effective config with its hash, and the build and run.
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "state", "config_resolved.json")));
        var hash = config.RootElement.GetProperty("config_hash").GetString();
        config.RootElement.GetProperty("config").GetProperty("actorbot").GetProperty("simulator").GetProperty("enabled").GetString().Should().Be("on", "values are strings, as /config shows them");
        using var build = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "state", "build_info.json")));
        build.RootElement.GetProperty("trade_mode").GetString().Should().Be("testnet");
        build.RootElement.GetProperty("embedded_simulator").GetBoolean().Should().BeTrue();
        build.RootElement.GetProperty("config_hash").GetString().Should().Be(hash);

        // telemetry.jsonl: every decision, order, fill and closed trade of the run, valid by `actorbot telemetry check`.
        var telemetry = Path.Combine("state", "telemetry.jsonl");
        using var check = ActorbotProcess.StartDll(["telemetry", "check", telemetry], _dir);
        (await check.WaitForExit(TimeSpan.FromMinutes(1))).Should().Be(0, check.Stderr);
        check.Stdout.Should().StartWith("OK: ");
        var types = File.ReadLines(Path.Combine(_dir, telemetry)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        types.Count(t => t == "decision").Should().Be(21, "one line per decision");
        types.Count(t => t == "trade_closed").Should().Be(root.GetProperty("trades").GetInt32(), "one line per closed trade");
        types.Should().Contain(["order", "fill", "position_closed", "safe_pause"]);

        // doctor reads what the run left (read-only, no actor started): the execution journal holds every trade.
        using var doctor = ActorbotProcess.StartDll(["doctor"], _dir);
        (await doctor.WaitForExit(TimeSpan.FromMinutes(1))).Should().Be(0, doctor.Stderr);
        doctor.Stdout.Should().Contain("doctor persistence execution-binance-usdm").And.Contain("doctor persistence risk")
            .And.Contain($"doctor execution-binance-usdm: ").And.Contain("0 in doubt").And.Contain("doctor last summary: ");
    }
}
