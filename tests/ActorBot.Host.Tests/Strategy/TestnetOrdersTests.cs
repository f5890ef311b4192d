using ActorBot.Domain.Modes;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Host.Tests.Strategy;

/// <summary>
/// The money path in the running service: `run` in testnet mode with the simulator's keys, the bundled real day
/// streamed over loopback WebSocket. The strategy's entries go trader → /risk → /execution → the venue: MARKET entries
/// and exchange-hosted brackets through the Algo Order API. At the end no position on the venue is unprotected and
/// nothing is in doubt.
/// </summary>
public sealed class TestnetOrdersTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-orders-").FullName;
    private readonly string _profile = Path.Combine(AppContext.BaseDirectory, "configs", "snap_harvester_btc.yaml");
    private SimulatorHost? _sim;
    private WebApplication? _app;

    public async Task InitializeAsync() =>
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            // Listed from the start, as on the venue: the account sets its leverage and margin type before any trade.
            Symbols = [SymbolSpec.Default("BTCUSD_PERP")],
            DataFiles = ReplayConfig.Load(_profile).DataFiles,
            // 5,000× real time: the day in ~17 s. SAFE_PAUSE clears with hysteresis on the wall clock once data flows;
            // at max speed the whole day would pass inside that window (every entry "safe_pause").
            Speed = 5_000,
            AutoStartReplay = false,
            RebaseTimestamps = true,
        });

    public async Task DisposeAsync()
    {
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "Testnet with keys: entries reach the simulator as MARKET orders with Algo-API brackets; nothing left unprotected or in doubt")]
    public async Task Entries_reach_the_venue_with_brackets()
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.strategy.profile = "{{_profile}}"
            actorbot.safe-pause.stale-timeout = 120s
            actorbot.safe-pause.clear-hysteresis = 200ms
            actorbot.venues.binance-usdm {
              testnet.rest-base-url = "{{_sim!.RestUri}}"
              testnet.ws-base-url = "{{_sim.WsUri}}"
              stream-stall-timeout = 60s
              contracts { BTCUSD_PERP = inverse-100usd }
            }
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Testnet, httpPortOverride: 0, ServiceUnderTest.WithSimulatorKeys());

        await _app.StartAsync();
        // Execution runs in the venue subtree (DESIGN.md), on the venue's REST client.
        var system = _app.Services.GetRequiredService<ActorSystem>();
        var execution = await Poll.Resolve(system, "/user/venues/binance-usdm/execution", TimeSpan.FromSeconds(10));
        execution.Path.ToStringWithoutAddress().Should().Be("/user/venues/binance-usdm/execution");
        await Poll.Until(() => execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromSeconds(5)), s => s.Phase == ExecutionPhase.Ready, "restart-flatten done", Deadline, s => s.Phase.ToString());
        await Poll.Until(() => Task.FromResult(_sim.Streams.AnySubscribed("btcusd_perp@aggTrade")), x => x, "service subscribed", Deadline);
        _sim.StartReplay();

        var market = _app.Services.GetRequiredService<IRequiredActor<VenuesActor>>().ActorRef;
        await Poll.Until(
            () => market.Ask<MarketStreamStatus>(new AskVenue("binance-usdm", GetMarketStreamStatus.Instance), TimeSpan.FromSeconds(5)),
            s => s.TradesForwarded >= 105_280,
            "every trade forwarded",
            Deadline,
            s => $"{s.TradesForwarded}");
        var recorder = _app.Services.GetRequiredService<IRequiredActor<StrategyRecorder>>().ActorRef;
        var strategy = await Poll.Until(
            () => recorder.Ask<StrategyStatus>(GetStrategyStatus.Instance, TimeSpan.FromSeconds(5)),
            s => s.Signals >= 20,
            "the strategy decided on the day's events",
            Deadline,
            s => $"{s.Signals} signals");

        var status = await Poll.Until(
            () => execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromSeconds(5)),
            s => s.InDoubt.Count == 0 && s.QueuedIntents == 0,
            "nothing in doubt or queued",
            Deadline,
            s => $"in doubt {s.InDoubt.Count}, queued {s.QueuedIntents}");

        strategy.Signals.Should().BeGreaterThan(0);
        status.Counters.Should().ContainKey("POST /fapi/v1/order ok", "entries reached the venue as MARKET orders");
        status.Counters.Should().ContainKey("POST /fapi/v1/algoOrder ok", "brackets went through the Algo Order API");
        status.Counters.Keys.Should().Contain(k => k.StartsWith("closed ", StringComparison.Ordinal), "positions were closed by a bracket or flattened");

        // What /risk decided is on the probe: every drop reason as a counter.
        var address = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var metrics = await http.GetStringAsync("/metrics");
        metrics.Should().Contain("risk_drops_total{reason=\"safe_pause\"}").And.Contain("actorbot_strategy_signals_total");
        _sim.Engine.OrderCount.Should().BeGreaterThan(0, "entries reached the venue as orders");
        // Every position the venue holds is ours and protected by both brackets.
        var position = _sim.Engine.PositionAmount("BTCUSD_PERP");
        if (position != 0)
        {
            status.OpenPositions.Should().NotBeEmpty();
            _sim.Engine.OpenAlgoOrderCount.Should().Be(2, "an open position has its SL and TP on the exchange");
        }
        else
        {
            _sim.Engine.OpenAlgoOrderCount.Should().Be(0, "no bracket is left behind a closed position");
        }
    }
}
