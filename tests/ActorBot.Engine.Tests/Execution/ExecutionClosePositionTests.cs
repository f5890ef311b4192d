using ActorBot.Engine.Trading;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Execution;

/// <summary>
/// The strategy's close (<see cref="ClosePosition"/>, the trader's horizon) against the venue simulator over loopback
/// sockets on the real SQLite journal: the bracketed position is closed reduce-only and both algo orders removed;
/// a repeated or unknown close changes nothing on the venue (a repeat after the close is answered with it).
/// </summary>
public sealed class ExecutionClosePositionTests
{
    private const string Btc = ExecutionHarness.Symbol;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(DisplayName = "ClosePosition(horizon) flattens the bracketed position, removes both algo orders and answers PositionClosed(horizon); a repeat sends nothing and is answered with that close")]
    public async Task HorizonCloseFlattens()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution();
        exec.Tell(new PlaceEntry(Btc, "ev-horizon", 1_700_000_480_000, 1, 2m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait).AveragePrice.Should().Be(100m);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(2);
        var ordersBefore = h.Host.Engine.OrderCount;

        // The price moved inside the brackets: neither triggers, the horizon closes the trade at the market.
        h.Host.PublishTrade(Btc, 102m, 1m, 2);
        var asker = h.Kit.CreateTestProbe("risk");
        exec.Tell(new ClosePosition(Btc, "ev-horizon", "horizon"), asker.Ref);
        // Sent again at once (the trader's timeout racing the answer): the close already runs, nothing more is sent.
        exec.Tell(new ClosePosition(Btc, "ev-horizon", "horizon"), asker.Ref);

        // The answer goes where the entry's answers went (risk, in the service).
        h.Trader.ExpectMsg<PositionClosed>(Wait).Should().Be(new PositionClosed(Btc, "ev-horizon", 102m, 2m, 4m, "horizon"));
        h.Kit.AwaitAssert(() => h.Host.Engine.OpenAlgoOrderCount.Should().Be(0, "both brackets are canceled"), Wait);
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
        h.Host.Engine.OrderCount.Should().Be(ordersBefore + 1, "one reduce-only close, not two");
        h.Status(exec).OpenPositions.Should().BeEmpty();

        // After the close: a late repeat is answered with that close (so an asker that missed it frees its slot) and
        // sends nothing; a close of an entry this journal never saw is ignored. Both are counted.
        exec.Tell(new ClosePosition(Btc, "ev-horizon", "horizon"), asker.Ref);
        asker.ExpectMsg<PositionClosed>(Wait).Should().Be(new PositionClosed(Btc, "ev-horizon", 102m, 2m, 4m, "horizon"));
        exec.Tell(new ClosePosition(Btc, "ev-never", "horizon"), asker.Ref);
        h.Kit.AwaitAssert(() =>
        {
            var counters = h.Status(exec).Counters;
            counters.GetValueOrDefault("close horizon").Should().Be(1);
            counters.GetValueOrDefault("close duplicate").Should().Be(2);
            counters.GetValueOrDefault("close unknown").Should().Be(1);
            counters.GetValueOrDefault("closed horizon").Should().Be(1);
        }, Wait);
        h.Trader.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        asker.ExpectNoMsg(TimeSpan.FromMilliseconds(10));
        h.Host.Engine.OrderCount.Should().Be(ordersBefore + 1);
    }

    [Fact(DisplayName = "SyncTrade of a trade closed while its trader was away is answered with that close; of an open or unknown one with nothing; nothing is sent to the venue")]
    public async Task SyncTradeAnswersMissedClose()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution();
        exec.Tell(new PlaceEntry(Btc, "ev-sync", 1_700_000_480_000, 1, 2m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);

        // Still open: a recovered trader's question changes nothing and gets no answer.
        var asker = h.Kit.CreateTestProbe("risk");
        exec.Tell(new SyncTrade(Btc, "ev-sync"), asker.Ref);
        exec.Tell(new SyncTrade(Btc, "ev-never"), asker.Ref);
        asker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        h.Host.PublishTrade(Btc, 102m, 1m, 2);
        exec.Tell(new ClosePosition(Btc, "ev-sync", "horizon"));
        h.Trader.ExpectMsg<PositionClosed>(Wait);
        var orders = h.Host.Engine.OrderCount;

        // The answer the trader missed (its entity moved, the process restarted) comes back on asking.
        exec.Tell(new SyncTrade(Btc, "ev-sync"), asker.Ref);
        asker.ExpectMsg<PositionClosed>(Wait).Should().Be(new PositionClosed(Btc, "ev-sync", 102m, 2m, 4m, "horizon"));
        h.Host.Engine.OrderCount.Should().Be(orders, "a sync sends nothing to the venue");
        h.Kit.AwaitAssert(() =>
        {
            var counters = h.Status(exec).Counters;
            counters.GetValueOrDefault("sync open").Should().Be(1);
            counters.GetValueOrDefault("sync unknown").Should().Be(1);
            counters.GetValueOrDefault("sync closed").Should().Be(1);
        }, Wait);
    }
}
