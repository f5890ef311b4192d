using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Tests.Execution;

public sealed class OrderLifecycleTests
{
    private static OrderLifecycle NewOrder() => OrderLifecycle.Create("snap-BTCUSDT-x-e0-abcd", "BTCUSDT", OrderSide.Buy, 1.0m);

    private static OrderLifecycle Run(OrderLifecycle order, params OrderEvent[] events) =>
        events.Aggregate(order, (o, e) => o.Apply(e).Order);

    [Fact(DisplayName = "New -> Sent -> Acked -> PartiallyFilled -> Filled with cumulative quantity and average price")]
    public void HappyPath()
    {
        var o = Run(NewOrder(), new OrderSent(1), new OrderAcked(42, 2), new OrderFilled(1, 0.4m, 100m, 0.02m, 3));
        o.State.Should().Be(OrderState.PartiallyFilled);
        o = o.Apply(new OrderFilled(2, 0.6m, 105m, 0.03m, 4)).Order;
        o.State.Should().Be(OrderState.Filled);
        o.FilledQuantity.Should().Be(1.0m);
        o.AveragePrice.Should().Be(103m);
        o.Fees.Should().Be(0.05m);
        o.VenueOrderId.Should().Be(42);
    }

    [Fact(DisplayName = "A duplicate fill (same trade id) changes nothing")]
    public void DuplicateFill()
    {
        var o = Run(NewOrder(), new OrderSent(1), new OrderAcked(42, 2), new OrderFilled(7, 0.4m, 100m, 0m, 3));
        var again = o.Apply(new OrderFilled(7, 0.4m, 100m, 0m, 3));
        again.Changed.Should().BeFalse();
        again.Order.Should().BeSameAs(o);
        again.Order.FilledQuantity.Should().Be(0.4m);
    }

    [Fact(DisplayName = "A send with unknown outcome is InDoubt until the venue answers; a timer cannot resolve it")]
    public void InDoubt()
    {
        var o = Run(NewOrder(), new OrderSent(1), new OrderSendOutcomeUnknown("timeout", 2));
        o.State.Should().Be(OrderState.InDoubt);
        o.State.MayBeLiveAtVenue().Should().BeTrue();
        o.Apply(new OrderSent(3)).Changed.Should().BeFalse("no re-send from InDoubt");

        Run(o, new OrderAcked(5, 4)).State.Should().Be(OrderState.Acked);
        Run(o, new OrderFilled(1, 1m, 100m, 0m, 4)).State.Should().Be(OrderState.Filled);
        Run(o, new OrderUnknownAtVenue(4)).State.Should().Be(OrderState.NotFound);
        Run(o, new OrderRejected("-2019 margin insufficient", 4)).State.Should().Be(OrderState.Rejected);
    }

    [Fact(DisplayName = "A fill that raced a cancel is still counted")]
    public void LateFillAfterCancel()
    {
        var o = Run(NewOrder(), new OrderSent(1), new OrderAcked(1, 2), new OrderFilled(1, 0.5m, 100m, 0m, 3), new OrderCanceled(4));
        o.State.Should().Be(OrderState.Canceled);
        o = o.Apply(new OrderFilled(2, 0.2m, 100m, 0m, 5)).Order;
        o.State.Should().Be(OrderState.Canceled);
        o.FilledQuantity.Should().Be(0.7m);
    }

    [Fact(DisplayName = "Overfills, fills on unsent orders and events in terminal states are ignored with a reason")]
    public void Ignored()
    {
        NewOrder().Apply(new OrderFilled(1, 1m, 100m, 0m, 1)).IgnoredBecause.Should().Contain("New");
        var acked = Run(NewOrder(), new OrderSent(1), new OrderAcked(1, 2));
        acked.Apply(new OrderFilled(1, 1.5m, 100m, 0m, 3)).IgnoredBecause.Should().Contain("exceed");
        var filled = Run(acked, new OrderFilled(1, 1m, 100m, 0m, 3));
        filled.Apply(new OrderCanceled(4)).Changed.Should().BeFalse();
        filled.Apply(new OrderExpired(4)).Changed.Should().BeFalse();
    }

    [Fact(DisplayName = "Expired and canceled are terminal from any live state")]
    public void Terminal()
    {
        Run(NewOrder(), new OrderSent(1), new OrderExpired(2)).State.Should().Be(OrderState.Expired);
        Run(NewOrder(), new OrderSent(1), new OrderAcked(1, 2), new OrderCanceled(3)).State.IsTerminal().Should().BeTrue();
    }
}
