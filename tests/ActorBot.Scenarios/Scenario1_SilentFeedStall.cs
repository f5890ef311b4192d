using System.Diagnostics;
using ActorBot.Domain.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Scenarios.ScenarioA;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 1 (issue 11): the running service in testnet against the venue simulator over loopback. The simulator
/// goes silent — the socket stays open, market frames are dropped (its <c>wsStall</c> fault) — while trades go on on
/// the venue. Within <c>actorbot.safe-pause.stale-timeout</c> of the last trade the service is in SAFE_PAUSE with the
/// one reason "stale market data for BTCUSDT"; an entry sent then is dropped by /risk as <c>safe_pause</c> and no
/// order reaches the venue. When frames flow again the missed trades are backfilled over REST, the pause clears, and
/// the next entry reaches the venue with its two brackets.
/// </summary>
// One at a time: each starts real services and sockets, and timing assertions must not compete with each other.
[Collection(ScenarioACollection.Name)]
public sealed class Scenario1_SilentFeedStall : IAsyncLifetime
{
    private static readonly TimeSpan StaleTimeout = TimeSpan.FromSeconds(2);
    private ServiceOnSimulator? _service;

    public async Task InitializeAsync() =>
        // The socket's own stall watchdog and the venue's disabled grace are longer than the test: the stale-data
        // watchdog alone must pause trading, and the socket is never recycled (the gap shows when frames resume).
        _service = await ServiceOnSimulator.StartAsync("stall", """
            actorbot.safe-pause.stale-timeout = 2s
            actorbot.safe-pause.clear-hysteresis = 200ms
            actorbot.venues.binance-usdm.stream-stall-timeout = 30s
            actorbot.venues.binance-usdm.disabled-grace = 30s
            """);

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact(DisplayName = "Scenario 1: a silent feed stall enters SAFE_PAUSE within stale-timeout, an entry while paused is dropped as safe_pause with no order on the venue, and after the REST backfill the pause clears and the next entry reaches the venue")]
    public async Task A_silent_feed_stall_pauses_within_the_stale_timeout_drops_entries_and_resumes_after_backfill()
    {
        var service = _service!;
        var sim = service.Sim;
        await service.TradeUntilRunning(100m, 1);

        // The last trade the service hears before the stall; the clock starts with it (staleness is judged on trade time).
        sim.PublishTrade(ServiceOnSimulator.Btc, 100m, 1m, 2);
        var sinceLastTrade = Stopwatch.StartNew();
        await Poll.Until(async () => (await service.MarketStatus()).TradesForwarded, n => n == 2, "trade 2 forwarded", ServiceOnSimulator.Deadline);
        sim.Faults.WsStall = true;
        // The venue keeps trading; the stalled socket drops these frames.
        sim.PublishTrade(ServiceOnSimulator.Btc, 100m, 1m, 3);
        sim.PublishTrade(ServiceOnSimulator.Btc, 100m, 1m, 4);
        sim.PublishTrade(ServiceOnSimulator.Btc, 100m, 1m, 5);

        var paused = await Poll.Until(service.BotStatus, s => s.Paused, "SAFE_PAUSE", ServiceOnSimulator.Deadline);
        var took = sinceLastTrade.Elapsed;
        took.Should().BeLessThan(StaleTimeout + TimeSpan.FromSeconds(1), "SAFE_PAUSE at the stale timeout of the last trade (plus the poll and a loaded machine's scheduling)");
        took.Should().BeGreaterThan(StaleTimeout - TimeSpan.FromMilliseconds(250), "not before the data is actually stale");
        paused.PauseReasons.Should().Equal("stale market data for BTCUSDT");
        paused.PauseEpisodes.Should().Be(1);

        var dropped = await service.Intent("ev-stall");
        var rejected = dropped.Should().BeOfType<TradeRejected>().Subject;
        rejected.Reason.Should().Be(DropReason.SafePause);
        (await service.RiskStatus()).DropsByReason.Where(d => d.Value > 0).ToDictionary().Should().BeEquivalentTo(new Dictionary<string, long> { [DropReason.SafePause] = 1 });
        sim.Engine.OrderCount.Should().Be(0, "no entry reaches the venue while paused");
        sim.Engine.OpenAlgoOrderCount.Should().Be(0);

        // Frames flow again: the next trade shows the gap 3..5, fetched over REST before it is released.
        sim.Faults.WsStall = false;
        sim.PublishTrade(ServiceOnSimulator.Btc, 100m, 1m, 6);
        var resumed = await Poll.Until(service.BotStatus, s => !s.Paused, "SAFE_PAUSE cleared", ServiceOnSimulator.Deadline, s => string.Join("; ", s.PauseReasons.Concat(s.ClearingReasons)));
        resumed.PauseEpisodes.Should().Be(1);
        var market = await service.MarketStatus();
        market.Backfills.Should().Be(1);
        market.TradesBackfilled.Should().Be(3);
        market.TradesUnfilled.Should().Be(0);
        market.TradesForwarded.Should().Be(6);
        // One socket per routed base (/market for trades, /public for the book's depth), each connected once.
        market.Reconnects.Should().Be(0, "the socket stayed open through the stall");
        market.DecodeErrors.Should().Be(0);

        var filled = await service.Intent("ev-resumed");
        filled.Should().BeOfType<EntryFilled>().Which.Quantity.Should().Be(1m, "5 USD of risk over a 5 USD stop");
        await Poll.Until(() => Task.FromResult(sim.Engine.OpenAlgoOrderCount), n => n == 2, "both brackets on the venue", ServiceOnSimulator.Deadline);
        sim.Engine.OrderCount.Should().Be(1, "exactly the one entry after the pause cleared");
        (await service.RiskStatus()).DropsByReason[DropReason.SafePause].Should().Be(1);
    }
}
