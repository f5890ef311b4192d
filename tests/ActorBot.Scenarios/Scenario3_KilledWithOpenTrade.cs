using ActorBot.Domain.Execution;
using ActorBot.Engine.Trading;
using ActorBot.Scenarios.ScenarioB;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 3: the process dies with a bracketed trade open (the actor system ends with no flatten and no cancel; the
/// SQLite journal stays). A new system on the same journal recovers the trade, runs restart-flatten under the
/// configured policy, and /account reconciles against the venue. Both policies are pinned: <c>flatten</c> (the
/// shipped default, hocon/actorbot.conf) leaves exactly the entry and its flatten; <c>adopt</c> leaves exactly the
/// entry, one SL and one TP.
/// </summary>
public sealed class Scenario3_KilledWithOpenTrade
{
    private const long SignalMs = 1_700_000_100_000;

    [Fact(DisplayName = "Scenario 3 (policy flatten, the default): killed with an open trade, a new system on the same journal recovers it and flattens: the venue holds exactly 1 entry, 1 flatten, both brackets canceled, position 0, and /account reconciles with no drift")]
    public async Task Killed_with_open_trade_policy_flatten_recovers_flattens_and_reconciles()
    {
        await using var tree = await VenueTree.StartAsync(RestartPolicy.Flatten);
        var sim = tree.Sim;
        OpenBracketedTrade(tree);

        await tree.RestartSystemAsync();

        var report = tree.Execution().LastRestart!;
        report.PositionsFlattened.Should().Equal(VenueTree.Btc);
        report.BracketsCanceled.Should().Be(2, "the journal knew both legs");
        report.ForeignOrdersCanceled.Should().Be(0, "nothing on the venue is unknown to the recovered journal");
        tree.Execution().OpenPositions.Should().BeEmpty();

        sim.Engine.ClientOrderIds.Should().OnlyHaveUniqueItems().And.HaveCount(2);
        sim.Engine.ClientOrderIds.Count(id => Leg(id) == OrderLeg.Entry).Should().Be(1);
        sim.Engine.ClientOrderIds.Count(id => Leg(id) == OrderLeg.Flatten).Should().Be(1);
        sim.Engine.ClientAlgoIds.Should().OnlyHaveUniqueItems().And.HaveCount(2, "SL and TP sent once, before the kill");
        sim.Engine.OpenAlgoOrderCount.Should().Be(0);
        sim.Engine.PositionAmount(VenueTree.Btc).Should().Be(0m);

        var account = tree.ReconcileNow();
        var check = tree.ReconcileNow();
        check.DriftTotal.Should().Be(account.DriftTotal, "a check after the restart finds the venue as the journal has it");
        check.DriftPaused.Should().BeFalse();
        check.Positions.Should().BeEmpty();
        check.OpenAlgoOrders.Should().BeEmpty();
    }

    [Fact(DisplayName = "Scenario 3 (policy adopt): killed with an open trade, a new system on the same journal recovers and adopts it: the venue holds exactly 1 entry, 1 SL, 1 TP (no duplicate), position 1, and /account reconciles with no drift")]
    public async Task Killed_with_open_trade_policy_adopt_recovers_keeps_one_of_each_order_and_reconciles()
    {
        await using var tree = await VenueTree.StartAsync(RestartPolicy.Adopt);
        var sim = tree.Sim;
        OpenBracketedTrade(tree);
        var algoIds = sim.Engine.ClientAlgoIds.ToList();

        await tree.RestartSystemAsync();

        var report = tree.Execution().LastRestart!;
        report.PositionsAdopted.Should().Equal(VenueTree.Btc);
        report.PositionsFlattened.Should().BeEmpty();
        report.BracketsAttached.Should().Be(0, "both legs were still on the venue");
        var position = tree.Execution().OpenPositions.Should().ContainSingle().Subject;
        position.EventId.Should().Be("ev-s3", "the trade came back from the journal");
        position.Quantity.Should().Be(1m);
        new[] { position.StopLossId, position.TakeProfitId }.Should().BeEquivalentTo(algoIds);

        sim.Engine.ClientOrderIds.Should().ContainSingle().Which.Should().Match(id => Leg(id) == OrderLeg.Entry);
        sim.Engine.ClientAlgoIds.Should().Equal(algoIds, "no bracket re-sent");
        sim.Engine.OpenAlgoOrderCount.Should().Be(2);
        sim.Engine.PositionAmount(VenueTree.Btc).Should().Be(1m);

        var account = tree.ReconcileNow();
        var check = tree.ReconcileNow();
        check.DriftTotal.Should().Be(account.DriftTotal, "a check after the restart finds the venue as the journal has it");
        check.DriftPaused.Should().BeFalse();
        check.Positions.Should().ContainSingle().Which.Amount.Should().Be(1m);
        check.OpenAlgoOrders.Should().HaveCount(2);
    }

    private static void OpenBracketedTrade(VenueTree tree)
    {
        tree.PlaceEntry("ev-s3", SignalMs, stop: 95m, takeProfit: 106m);
        tree.Trader.ExpectMsg<EntryFilled>(VenueTree.Wait).Quantity.Should().Be(1m);
        tree.Trader.ExpectMsg<BracketsPlaced>(VenueTree.Wait).Should().Be(new BracketsPlaced(VenueTree.Btc, "ev-s3", 95m, 106m));
        tree.Sim.Engine.OpenAlgoOrderCount.Should().Be(2);
    }

    private static OrderLeg? Leg(string clientOrderId) => ClientOrderId.TryParse(clientOrderId, out var parsed) ? parsed.Leg : null;
}
