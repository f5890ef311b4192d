using ActorBot.Engine.Persistence;
using ActorBot.Engine.Venues.Execution;

namespace ActorBot.Engine.Tests.Persistence;

/// <summary>
/// The execution snapshot restores exactly what a full replay gives: for every cut k of an event sequence,
/// fold(all) == restore(snapshot of fold(first k), through our JSON serializer) then fold(rest). Sequences: the paths
/// the actor tests drive (TP, SL, refused bracket, duplicate partial fills, in-doubt answers, restart-flatten,
/// rejected entry) and a generated long one with all of them interleaved across trades.
/// </summary>
public sealed class ExecutionSnapshotRoundTripTests
{
    [Theory(DisplayName = "Execution snapshot at every cut k, then the rest of the events, equals the full replay")]
    [MemberData(nameof(Scenarios))]
    public void EveryCutRestoresTheFullReplay(string name, IExecutionEvent[] events)
    {
        SnapshotRoundTrip.CheckExecution(events, name);
    }

    [Fact(DisplayName = "Generated long execution history (entries, partial and duplicate fills, brackets, in-doubt, flattens, closes): every cut restores the full replay")]
    public void GeneratedHistory()
    {
        var events = ExecutionHistory.Generate(trades: 70, seed: 20261206);
        events.Count.Should().BeGreaterThan(400);
        // The generator reaches every event type and the states that matter (guards against a generator gone dull).
        events.Select(e => e.GetType()).Distinct().Should().HaveCount(7);
        var full = ExecutionHistory.Fold(events);
        full.Trades.Values.Should().Contain(t => t.Entry.State == Domain.Execution.OrderState.InDoubt);
        full.Trades.Values.Should().Contain(t => t.Entry.State == Domain.Execution.OrderState.PartiallyFilled);
        full.Trades.Values.Should().Contain(t => t.IsClosed && t.Exit != null && t.Exit.TradeIds.Count > 1);
        full.OpenTrades.Should().Contain(t => t.OpenQuantity > 0 && t.StopLoss != null);
        full.Owned.Values.Should().Contain(o => o.Leg == Domain.Execution.OrderLeg.Flatten);

        SnapshotRoundTrip.CheckExecution(events, "generated");
    }

    [Fact(DisplayName = "A closed trade's id survives the snapshot: the re-sent entry is a no-op, a re-sent fill is not accepted")]
    public void ClosedTradeStaysADuplicate()
    {
        var events = ExecutionHistory.Scenario("tp");
        var restored = ExecutionSnapshots.ToState(SnapshotRoundTrip.ThroughJson(ExecutionSnapshots.ToSnapshot(ExecutionHistory.Fold(events))));
        var entry = (EntrySent)events[0];
        restored.Apply(entry).Should().BeSameAs(restored);
        var fill = events.OfType<FillRecorded>().First();
        restored.Accepts(fill).Should().BeFalse();
        restored.TradeOf(entry.ClientOrderId)!.IsClosed.Should().BeTrue();
    }

    [Fact(DisplayName = "An execution snapshot of another version, or with an enum stored as a number, is a typed error naming the manifest")]
    public void BadSnapshotIsTypedError()
    {
        var snapshot = ExecutionSnapshots.ToSnapshot(ExecutionHistory.Fold(ExecutionHistory.Scenario("tp")));
        var future = () => ExecutionSnapshots.ToState(snapshot with { Version = 2 });
        future.Should().Throw<ActorBot.Persistence.Sql.Serialization.PersistenceSerializationException>().WithMessage("*version 2*")
            .Which.Manifest.Should().Be("execution.snapshot");
        var numeric = () => ExecutionSnapshots.ToState(snapshot with { Owned = [new OwnedOrderDto("x", "BTCUSDT", "1", false)] });
        numeric.Should().Throw<ActorBot.Persistence.Sql.Serialization.PersistenceSerializationException>().WithMessage("*\"1\"*OrderLeg*");
    }

    public static TheoryData<string, IExecutionEvent[]> Scenarios()
    {
        var data = new TheoryData<string, IExecutionEvent[]>();
        foreach (var name in ExecutionHistory.ScenarioNames)
        {
            data.Add(name, [.. ExecutionHistory.Scenario(name)]);
        }

        return data;
    }
}
