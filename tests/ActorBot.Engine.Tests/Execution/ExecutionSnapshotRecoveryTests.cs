using ActorBot.Engine.Tests.Persistence;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Execution;

/// <summary>
/// /venues/{v}/execution snapshots on the real SQLite journal (Akka.Persistence.Sql) against the venue simulator:
/// snapshots every N events and at a clean stop, the last two kept, events kept; a restart from the snapshot holds the
/// same state as the full replay, restart-flatten behaves as before and a re-sent intent of a closed trade is not sent.
/// </summary>
public sealed class ExecutionSnapshotRecoveryTests
{
    private const string Btc = ExecutionHarness.Symbol;
    private const string PersistenceId = "execution-sim";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(DisplayName = "Execution on SQLite: snapshots every 4 events and at a clean stop (older ones deleted, events kept); the restart holds the full replay's state, flattens the open position, and a re-sent closed intent is not sent")]
    public async Task SnapshotsOnSqlite()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var settings = new ExecutionSettings("sim", [Btc, "ETHUSDT"], SnapshotEvery: 4);
        long print = 1;
        h.Host.PublishTrade(Btc, 100m, 1m, print++);
        var exec = h.StartExecution(settings);

        // Three trades closed at their TP, then one left open with its brackets.
        for (var i = 0; i < 3; i++)
        {
            exec.Tell(new PlaceEntry(Btc, $"ev-{i}", 1_700_000_000_000 + (i * 60_000), 1, 1m, 95m, 106m, h.Trader.Ref));
            h.Trader.ExpectMsg<EntryFilled>(Wait);
            h.Trader.ExpectMsg<BracketsPlaced>(Wait);
            h.Host.PublishTrade(Btc, 107m, 1m, print++);
            h.Trader.ExpectMsg<PositionClosed>(Wait).Reason.Should().Be("tp");
            h.Kit.AwaitAssert(() => h.Host.Engine.OpenAlgoOrderCount.Should().Be(0), Wait);
            h.Host.PublishTrade(Btc, 100m, 1m, print++);
        }

        exec.Tell(new PlaceEntry(Btc, "ev-open", 1_700_000_900_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Kit.AwaitAssert(() => h.Status(exec).Counters.Should().ContainKey("snapshots deleted"), Wait);
        h.Stop(exec);

        // The clean stop saved the state at the last event; of the snapshots two are left; no event was deleted.
        var journal = StoredRows.Events<IExecutionEvent>(h.DbPath, PersistenceId);
        journal.Count.Should().BeGreaterThan(20);
        // Saves still in flight at the stop are answered to no one; the next incarnation deletes them (below).
        h.Kit.AwaitAssert(() => StoredRows.Snapshots(h.DbPath, PersistenceId)[^1].SequenceNr.Should().Be(journal.Count), Wait);

        // The stored snapshot is exactly the full replay's state.
        var snapshot = (ExecutionSnapshot)StoredRows.Snapshots(h.DbPath, PersistenceId).Last().Snapshot;
        SnapshotRoundTrip.Dump(ExecutionSnapshots.ToState(snapshot)).Should().Be(SnapshotRoundTrip.Dump(ExecutionHistory.Fold(journal)));

        // Restart: restart-flatten as before (position closed, both brackets canceled), state from the snapshot.
        var ordersBefore = h.Host.Engine.OrderCount;
        var again = h.StartExecution(settings);
        var report = h.Status(again).LastRestart!;
        report.PositionsFlattened.Should().Equal(Btc);
        report.BracketsCanceled.Should().Be(2);
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(0);

        // A re-sent intent of a trade closed before the snapshot: a duplicate, never a second order.
        again.Tell(new PlaceEntry(Btc, "ev-1", 1_700_000_060_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Kit.AwaitAssert(() => h.Status(again).Counters.Should().Contain("intent duplicate", 1), Wait);
        h.Host.Engine.OrderCount.Should().Be(ordersBefore + 1, "only the restart-flatten close was sent");

        // Its restart-flatten events brought a snapshot; once saved, every one older than the snapshot it recovered from
        // is deleted (those of the first incarnation included).
        h.Kit.AwaitAssert(() => h.Status(again).Counters.Should().ContainKey("snapshots deleted"), Wait);
        h.Kit.AwaitAssert(() => StoredRows.Snapshots(h.DbPath, PersistenceId).Should().OnlyContain(x => x.SequenceNr >= journal.Count), Wait);
        h.Stop(again);

        // The whole journal the actor wrote (entries, fills, brackets, sibling cancels, restart-flatten) passes the
        // snapshot property at every cut.
        var all = StoredRows.Events<IExecutionEvent>(h.DbPath, PersistenceId);
        all.Should().Contain(e => e is FlattenSent);
        SnapshotRoundTrip.CheckExecution(all, "actor journal");
    }
}
