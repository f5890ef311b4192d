using ActorBot.Domain.Modes;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Host.Tests.Strategy;

/// <summary>
/// One code path for live and replay: the bundled real day (105,280 BTCUSD_PERP trades) once through `actorbot
/// replay` (virtual clock, file reader) and once through `actorbot run` in testnet mode against the local venue
/// simulator over real loopback sockets (WebSocket aggTrade frames, served at current time, as fast as the service
/// takes them). The decisions — event, side, both model probabilities, the routing decision and what /trader did —
/// and the closed trades are identical, shifted by the simulator's whole-minute time offset.
/// </summary>
public sealed class LiveReplayParityTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-parity-").FullName;
    private readonly string _profile = Path.Combine(AppContext.BaseDirectory, "configs", "snap_harvester_btc.yaml");
    private SimulatorHost? _sim;
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var replayConfig = ReplayConfig.Load(_profile);
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            DataFiles = replayConfig.DataFiles,
            Speed = null,
            AutoStartReplay = false,
            RebaseTimestamps = true,
        });
    }

    public async Task DisposeAsync()
    {
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "The bundled day through `run` (testnet, loopback simulator, WebSocket) gives the same decisions and trades as through `replay`")]
    public async Task Run_and_replay_decide_the_same()
    {
        var replayConfig = ReplayConfig.Load(_profile);
        var input = ReplayRun.ReadTrades(replayConfig);
        var replay = ReplayRun.Execute(replayConfig, input);

        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.strategy.profile = "{{_profile}}"
            # The profile's own stale timeout, as replay uses it.
            actorbot.safe-pause.stale-timeout = {{(long)replayConfig.StaleTimeout.TotalMilliseconds}}ms
            actorbot.venues.binance-usdm {
              testnet.rest-base-url = "{{_sim!.RestUri}}"
              testnet.ws-base-url = "{{_sim.WsUri}}"
              stream-stall-timeout = 60s
              contracts { BTCUSD_PERP = inverse-100usd }
            }
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Testnet, httpPortOverride: 0);
        await _app.StartAsync();

        await Poll.Until(() => Task.FromResult(_sim.Streams.AnySubscribed("btcusd_perp@aggTrade")), x => x, "service subscribed", Deadline);
        _sim.StartReplay();
        var market = _app.Services.GetRequiredService<IRequiredActor<VenuesActor>>().ActorRef;
        await Poll.Until(
            () => market.Ask<MarketStreamStatus>(new AskVenue("binance-usdm", GetMarketStreamStatus.Instance), TimeSpan.FromSeconds(5)),
            s => s.TradesForwarded >= input.Ticks.Length,
            "every trade forwarded to the symbol",
            Deadline,
            s => $"{s.TradesForwarded} of {input.Ticks.Length}");

        var recorder = _app.Services.GetRequiredService<IRequiredActor<StrategyRecorder>>().ActorRef;
        // The last bar only closes on the wall clock (its minute ends in the future of the replayed day), so the
        // live run sees every bar but the last; the replay's last-bar decisions, if any, are not compared.
        var expected = replay.Records.Signals.Where(s => s.Signal.Event.TimestampMs < replay.Records.Bars[^1].OpenTimeMs).ToList();
        var expectedTrades = replay.Records.Trades.Where(t => !t.EndOfData).ToList();
        // Trades close on bars after their signal, so both counts are awaited (the tree may still be working
        // through the last minutes when the last trade has been forwarded).
        var live = await Poll.Until(
            () => recorder.Ask<StrategyStatus>(GetStrategyStatus.Instance, TimeSpan.FromSeconds(5)),
            s => s.Signals >= expected.Count && s.Trades >= expectedTrades.Count,
            "the live strategy decided on every event and closed every trade",
            Deadline,
            s => $"{s.Signals} of {expected.Count} decisions, {s.Trades} of {expectedTrades.Count} trades");

        live.Signals.Should().Be(expected.Count);
        var offset = live.RecentDecisions[0].DecisionTimeMs - expected[0].Signal.Event.DecisionTimeMs;
        (offset % 60_000).Should().Be(0, "the simulator shifts time by whole minutes");
        live.RecentDecisions.Select(d => (d.DecisionTimeMs - offset, d.Side, d.PActive, d.PShadow, d.Take, d.Action)).Should().Equal(
            expected.Select(s => (s.Signal.Event.DecisionTimeMs, s.Signal.Event.Side, s.Decision.PActive, s.Decision.PShadow, s.Decision.Take, StrategyRecorder.ActionName(s.Action))));

        live.RecentTrades.Select(t => (t.DecisionTimeMs - offset, t.Side, t.Entry, t.ExitPrice, t.R)).Should().Equal(
            expectedTrades.Select(t => (t.Trade.DecisionTimeMs, t.Trade.Side, t.Trade.Entry, t.Trade.Outcome.ExitPrice, t.Trade.Outcome.RFinal)));
        expected.Should().HaveCountGreaterThan(15, "the bundled day has 21 events");
    }
}
