using System.Globalization;
using System.Text.RegularExpressions;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using Akka.Actor;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// <c>/metrics</c> over HTTP from a running testnet service (simulator keys, strategy profile: every actor of the
/// money path runs): every documented family with its Prometheus TYPE, the mailbox depth of each main actor, and
/// counters that move by exactly what happened. A second service in the same process has its own meter and registry.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const string Venue = "binance-usdm";

    // The families docs/api.md lists, with the TYPE each must carry.
    private static readonly (string Name, string Type)[] Families =
    [
        ("actorbot_up", "gauge"),
        ("process_working_set_bytes", "gauge"),
        ("process_cpu_seconds_total", "counter"),
        ("dotnet_total_memory_bytes", "gauge"),
        ("actorbot_strategy_decisions_total", "counter"),
        ("risk_drops_total", "counter"),
        ("actorbot_orders_total", "counter"),
        ("actorbot_fills_total", "counter"),
        ("actorbot_safe_pause", "gauge"),
        ("actorbot_safe_pause_reasons", "gauge"),
        ("actorbot_safe_pause_reason", "gauge"),
        ("actorbot_feed_age_seconds", "gauge"),
        ("actorbot_liquidations_received_total", "counter"),
        ("actorbot_liquidations_rejected_total", "counter"),
        ("actorbot_liquidation_zones_active", "gauge"),
        ("actorbot_liquidation_calibrations_total", "counter"),
        ("actorbot_liquidation_calibrator_dropped_no_snapshot_total", "counter"),
        ("decode_errors_total", "counter"),
        ("actorbot_mailbox_depth", "gauge"),
        ("actorbot_actor_restarts_total", "counter"),
        ("actorbot_persist_latency_seconds", "histogram"),
        ("actorbot_model_score", "histogram"),
        ("actorbot_unknown_symbol_messages_total", "counter"),
        ("actorbot_venue_healthy", "gauge"),
        ("actorbot_venue_decode_errors_total", "counter"),
        ("actorbot_venue_market_stream_stalls_total", "counter"),
        ("actorbot_strategy_signals_total", "counter"),
        ("actorbot_strategy_r_total", "gauge"),
        ("actorbot_risk_open_trades", "gauge"),
        ("actorbot_risk_kill_switch", "gauge"),
        ("actorbot_paper_fills_total", "counter"),
        ("reconcile_drift_total", "counter"),
        ("actorbot_account_drift_pause", "gauge"),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-metrics-").FullName;
    private readonly string _profile = Path.Combine(AppContext.BaseDirectory, "configs", "snap_harvester_btc.yaml");
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private WebApplication? _other;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            Symbols = [SymbolSpec.Default("BTCUSD_PERP")],
            DataFiles = ReplayConfig.Load(_profile).DataFiles,
            AutoStartReplay = false,
        });
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.strategy.profile = "{{_profile}}"
            actorbot.venues.binance-usdm {
              testnet.rest-base-url = "{{_sim.RestUri}}"
              testnet.ws-base-url = "{{_sim.WsUri}}"
              contracts { BTCUSD_PERP = inverse-100usd }
            }
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Testnet, httpPortOverride: 0, ServiceUnderTest.WithSimulatorKeys());
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_other is not null)
        {
            await _other.StopAsync();
            await _other.DisposeAsync();
        }

        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "/metrics lists every family with its TYPE and each main actor's mailbox; a risk drop moves risk_drops_total by exactly 1, a journal write the persist histogram by 1")]
    public async Task Families_types_and_exact_counts()
    {
        using var http = Client(_app!);
        var system = _app!.Services.GetRequiredService<ActorSystem>();
        var execution = await Poll.Resolve(system, $"/user/venues/{Venue}/execution", Deadline);
        // Recovery (SQLite) and restart-flatten (REST reads) can take seconds on a loaded machine: a status that does
        // not come yet is polled again.
        await Poll.Until(() => TryStatus(execution), s => s?.Phase == ExecutionPhase.Ready, "restart-flatten done", Deadline, s => $"{s?.Phase}");
        await Poll.Resolve(system, $"/user/venues/{Venue}/account", Deadline);

        var body = await http.GetStringAsync("/metrics");
        var types = Types(body);
        foreach (var (name, type) in Families)
        {
            types.Should().ContainKey(name, "{0} is documented in docs/api.md", name);
            types[name].Should().Be(type, "{0}'s TYPE", name);
        }

        // The process's resident memory (RSS on Linux) is there for an operator's alert, and plausible.
        Value(body, "process_working_set_bytes").Should().BeInRange(10_000_000, 4_000_000_000);

        foreach (var actor in new[] { "/user/bot", "/user/bot/risk", "/user/bot/BTCUSD_PERP/trader", $"/user/venues/{Venue}/execution", $"/user/venues/{Venue}/market", $"/user/venues/{Venue}/account" })
        {
            Value(body, $"actorbot_mailbox_depth{{actor=\"{actor}\"}}").Should().NotBeNull("{0}'s mailbox is watched", actor);
        }

        // No market data yet: SAFE_PAUSE, with the symbol's stale data among the reasons.
        Value(body, "actorbot_safe_pause").Should().Be(1);
        Value(body, "actorbot_safe_pause_reason{reason=\"stale market data for BTCUSD_PERP\"}").Should().Be(1);
        Value(body, "actorbot_up").Should().Be(1);
        var dropsBefore = Value(body, "risk_drops_total{reason=\"invalid_stop\"}");
        dropsBefore.Should().Be(0, "every reason is listed from the start");
        var persistsBefore = Value(body, "actorbot_persist_latency_seconds_count{actor=\"risk\"}") ?? 0;

        // A known event: an intent with side 0 is dropped as invalid_stop (the rule before any other).
        var risk = await Poll.Resolve(system, "/user/bot/risk", Deadline);
        var rejected = await risk.Ask<TradeRejected>(
            replyTo => new TradeIntent(Venue, "BTCUSD_PERP", "metrics-test-1", 0, 0, 100m, 99m, 101m, replyTo), TimeSpan.FromSeconds(5), CancellationToken.None);
        rejected.Reason.Should().Be("invalid_stop");
        // And one journal write: engaging the kill switch on the book persists one event.
        risk.Tell(new SetKillSwitch(true));
        await Poll.Until(() => risk.Ask<RiskStatus>(GetRiskStatus.Instance, TimeSpan.FromSeconds(5)), s => s.KillSwitchEngaged, "kill switch journaled", Deadline);

        var after = await http.GetStringAsync("/metrics");
        Value(after, "risk_drops_total{reason=\"invalid_stop\"}").Should().Be(dropsBefore + 1);
        Value(after, "risk_drops_total{reason=\"safe_pause\"}").Should().Be(0, "no other reason moved");
        Value(after, "actorbot_persist_latency_seconds_count{actor=\"risk\"}").Should().Be(persistsBefore + 1);
        Value(after, "actorbot_risk_kill_switch").Should().Be(1);

        // A second service in this process (shadow: no /risk) exports only its own instruments.
        _other = await StartShadowAsync();
        using var otherHttp = Client(_other);
        var otherBody = await otherHttp.GetStringAsync("/metrics");
        Types(otherBody).Should().ContainKey("risk_drops_total");
        otherBody.Should().NotContain("risk_drops_total{").And.NotContain("actor=\"/user/bot/risk\"").And.NotContain("actorbot_persist_latency_seconds_count{actor=\"risk\"}");
        Value(otherBody, "actorbot_mailbox_depth{actor=\"/user/bot\"}").Should().NotBeNull();
    }

    private async Task<WebApplication> StartShadowAsync()
    {
        var dir = Path.Combine(_dir, "shadow");
        Directory.CreateDirectory(dir);
        var overrides = Path.Combine(dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{dir}}"
            actorbot.symbols = [ETHUSDT]
            """);
        var app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0);
        await app.StartAsync();
        return app;
    }

    private static async Task<ExecutionStatus?> TryStatus(IActorRef execution)
    {
        try
        {
            return await execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromSeconds(2));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static HttpClient Client(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

    private static Dictionary<string, string> Types(string body) =>
        Regex.Matches(body, @"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    /// <summary>The sample of exactly this series (name and labels as exposed), or null when it is not on the page.</summary>
    private static double? Value(string body, string series)
    {
        var match = Regex.Match(body, "^" + Regex.Escape(series) + @" (\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }
}
