using ActorBot.Domain.Execution;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Trading;
using ActorBot.Scenarios.ScenarioB;
using Akka.Actor;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 2: <c>/user/venues/{venue}/execution</c> crashes between the entry's fill and its bracket. The simulator
/// holds the two algo orders in flight; the execution actor is killed and its parent (the real VenueActor) restarts
/// it; restart-flatten closes the position; only then do the held brackets reach the venue — late, on a flat book.
/// </summary>
public sealed class Scenario2_ExecutionCrashMidBracket
{
    private const long SignalMs = 1_700_000_000_000;

    [Fact(DisplayName = "Scenario 2: /execution killed after the entry fill, before its bracket reached the venue, is restarted by its supervisor and flattens: the venue shows 1 entry, 1 flatten, 0 duplicates, 0 open algo orders, position 0")]
    public async Task Execution_crash_mid_bracket_restarts_flattens_and_leaves_no_duplicate_or_dangling_order()
    {
        await using var tree = await VenueTree.StartAsync();
        var sim = tree.Sim;
        sim.Faults.HoldAlgoOrders();

        tree.PlaceEntry("ev-s2", SignalMs, stop: 95m, takeProfit: 106m);
        tree.Trader.ExpectMsg<EntryFilled>(VenueTree.Wait).Should().Be(new EntryFilled(VenueTree.Btc, "ev-s2", 100m, 1m));
        await VenueTree.PollAsync(() => sim.Faults.HeldAlgoOrders == 2, "SL and TP are in flight, held before the venue");
        sim.Engine.PositionAmount(VenueTree.Btc).Should().Be(1m, "the entry filled");
        sim.Engine.ClientAlgoIds.Should().BeEmpty("no bracket reached the venue yet");

        var execution = await tree.System.ActorSelection(tree.ExecutionPath).ResolveOne(VenueTree.Wait);
        execution.Tell(Kill.Instance);
        tree.Kit.AwaitAssert(() => tree.Execution().LastRestart!.PositionsFlattened.Should().Equal(VenueTree.Btc), VenueTree.Wait);
        RestartLedger.For(tree.System).Get(execution.Path).Restarts.Should().Be(1, "the venue actor restarted it once, same path");
        sim.Engine.PositionAmount(VenueTree.Btc).Should().Be(0m, "restart-flatten closed the position");

        // The old incarnation's brackets now reach the venue, after restart-flatten read it: the restarted actor must
        // cancel them, or they stay on a flat book.
        sim.Faults.ReleaseAlgoOrders();
        await VenueTree.PollAsync(() => sim.Engine.ClientAlgoIds.Count == 2, "the held SL and TP reached the venue");
        await VenueTree.PollAsync(() => sim.Engine.OpenAlgoOrderCount == 0, "the late brackets are canceled");

        var orders = sim.Engine.ClientOrderIds;
        orders.Should().OnlyHaveUniqueItems();
        orders.Count(id => Leg(id) == OrderLeg.Entry).Should().Be(1, "one entry, never re-sent");
        orders.Count(id => Leg(id) == OrderLeg.Flatten).Should().Be(1, "one restart flatten");
        orders.Should().HaveCount(2);
        sim.Engine.ClientAlgoIds.Should().OnlyHaveUniqueItems().And.HaveCount(2, "each bracket leg sent once, by the first incarnation");
        sim.Engine.OpenAlgoOrderCount.Should().Be(0);
        sim.Engine.PositionAmount(VenueTree.Btc).Should().Be(0m);
        tree.Execution().OpenPositions.Should().BeEmpty();
    }

    private static OrderLeg? Leg(string clientOrderId) => ClientOrderId.TryParse(clientOrderId, out var parsed) ? parsed.Leg : null;
}
