using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Tests.Execution;

public sealed class RestartFlattenPlannerTests
{
    private const long Signal = 1_767_225_660_000;
    private const long Now = Signal + 3_600_000;
    private static readonly string Entry = ClientOrderId.Create("snap", "BTCUSDT", Signal, OrderLeg.Entry);
    private static readonly string Sl = ClientOrderId.Create("snap", "BTCUSDT", Signal, OrderLeg.StopLoss);
    private static readonly string Tp = ClientOrderId.Create("snap", "BTCUSDT", Signal, OrderLeg.TakeProfit);
    private static readonly string OrphanSl = ClientOrderId.Create("snap", "ETHUSDT", Signal, OrderLeg.StopLoss);

    private static readonly OwnedOrder[] Journal =
    [
        new(Entry, "BTCUSDT", OrderLeg.Entry, false),
        new(Sl, "BTCUSDT", OrderLeg.StopLoss, true),
        new(Tp, "BTCUSDT", OrderLeg.TakeProfit, true),
        new(OrphanSl, "ETHUSDT", OrderLeg.StopLoss, true),
    ];

    private static RestartSnapshot Snapshot(bool withTp = true, bool withTargets = true) => new(
        Journal,
        [new VenueOpenOrder("BTCUSDT", "web_manual1", 1)],
        [
            new VenueAlgoOrder("BTCUSDT", Sl, 10),
            .. withTp ? new[] { new VenueAlgoOrder("BTCUSDT", Tp, 11) } : [],
            new VenueAlgoOrder("ETHUSDT", OrphanSl, 12),
            new VenueAlgoOrder("SOLUSDT", "someone_else", 13),
        ],
        [new VenuePosition("BTCUSDT", 0.02m, 50_000m), new VenuePosition("ETHUSDT", 0m, 0m)],
        withTargets ? [new BracketTargets("BTCUSDT", 49_750m, 51_500m, Signal)] : []);

    [Fact(DisplayName = "Flatten: cancel foreign orders, close the position reduce-only, then cancel its brackets and orphans")]
    public void Flatten()
    {
        var report = RestartFlattenPlanner.Plan(Snapshot(), RestartPolicy.Flatten, "snap", Now);
        report.ForeignOrdersCanceled.Should().Be(2);
        report.PositionsFlattened.Should().Equal("BTCUSDT");
        report.BracketsCanceled.Should().Be(3);
        var flatten = report.Actions.OfType<FlattenAction>().Should().ContainSingle().Subject;
        flatten.Side.Should().Be(OrderSide.Sell);
        flatten.Quantity.Should().Be(0.02m);
        ClientOrderId.TryParse(flatten.ClientOrderId, out var p).Should().BeTrue();
        p.Leg.Should().Be(OrderLeg.Flatten);

        var indexOfFlatten = report.Actions.ToList().IndexOf(flatten);
        report.Actions.Take(indexOfFlatten).OfType<CancelAlgoOrderAction>().Should().OnlyContain(c => c.ClientAlgoId == "someone_else",
            "our brackets keep protecting the position until the close is sent");
        report.Summary().Should().Contain("1 positions flattened");
    }

    [Fact(DisplayName = "Adopt: keep the position and re-attach only the missing bracket")]
    public void Adopt()
    {
        var report = RestartFlattenPlanner.Plan(Snapshot(withTp: false), RestartPolicy.Adopt, "snap", Now);
        report.PositionsAdopted.Should().Equal("BTCUSDT");
        report.Actions.OfType<FlattenAction>().Should().BeEmpty();
        var placed = report.Actions.OfType<PlaceBracketAction>().Should().ContainSingle().Subject.Order;
        placed.Leg.Should().Be(OrderLeg.TakeProfit);
        placed.TriggerPrice.Should().Be(51_500m);
        placed.Quantity.Should().Be(0.02m);
        placed.ReduceOnly.Should().BeTrue();
        report.Actions.OfType<CancelAlgoOrderAction>().Select(c => c.ClientAlgoId).Should().BeEquivalentTo([OrphanSl, "someone_else"]);
    }

    [Fact(DisplayName = "Adopt without journaled bracket targets flattens instead of leaving the position unprotected")]
    public void AdoptWithoutTargetsFlattens()
    {
        var report = RestartFlattenPlanner.Plan(Snapshot(withTargets: false), RestartPolicy.Adopt, "snap", Now);
        report.FlattenedForLackOfTargets.Should().Equal("BTCUSDT");
        report.Actions.OfType<FlattenAction>().Should().ContainSingle();
    }

    [Fact(DisplayName = "The plan is deterministic")]
    public void Deterministic() =>
        RestartFlattenPlanner.Plan(Snapshot(), RestartPolicy.Flatten, "snap", Now).Actions
            .Should().Equal(RestartFlattenPlanner.Plan(Snapshot(), RestartPolicy.Flatten, "snap", Now).Actions);
}
