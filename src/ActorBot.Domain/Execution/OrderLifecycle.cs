using System.Collections.Immutable;

namespace ActorBot.Domain.Execution;

/// <summary>
/// One order as a pure, immutable state machine:
/// New → Sent → Acked → PartiallyFilled → Filled | Canceled | Rejected | Expired, with InDoubt when a
/// send's outcome is unknown and NotFound when the venue says it never saw it. Updates are idempotent
/// (STYLE 6): an event that changes nothing returns the same instance with <see cref="OrderTransition.Changed"/>
/// false; fills are keyed by trade id and accumulate quantity and average price.
/// A fill is accepted after Canceled or Expired: the venue can report a fill that raced the cancel, and
/// dropping it would leave a position we do not know about.
/// </summary>
public sealed record OrderLifecycle(
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    OrderState State,
    long? VenueOrderId,
    decimal FilledQuantity,
    decimal AveragePrice,
    decimal Fees,
    ImmutableHashSet<long> TradeIds,
    string? RejectReason)
{
    public static OrderLifecycle Create(string clientOrderId, string symbol, OrderSide side, decimal quantity) =>
        new(clientOrderId, symbol, side, quantity, OrderState.New, null, 0m, 0m, 0m, ImmutableHashSet<long>.Empty, null);

    public decimal RemainingQuantity => Quantity - FilledQuantity;

    public OrderTransition Apply(OrderEvent orderEvent) => orderEvent switch
    {
        OrderSent => Move(OrderState.New, OrderState.Sent) ?? Unchanged("sent only from New"),
        OrderSendOutcomeUnknown => Move(OrderState.Sent, OrderState.InDoubt) ?? Unchanged("in doubt only after a send"),
        OrderAcked ack => OnAck(ack),
        OrderFilled fill => OnFill(fill),
        OrderCanceled => Close(OrderState.Canceled),
        OrderExpired => Close(OrderState.Expired),
        OrderRejected r => State is OrderState.Sent or OrderState.InDoubt
            ? Changed(this with { State = OrderState.Rejected, RejectReason = r.Reason })
            : Unchanged($"reject in {State}"),
        OrderUnknownAtVenue => State is OrderState.Sent or OrderState.InDoubt
            ? Changed(this with { State = OrderState.NotFound })
            : Unchanged($"not-found answer in {State}"),
        _ => throw new ArgumentException($"unknown order event {orderEvent.GetType().Name}", nameof(orderEvent)),
    };

    private OrderTransition OnAck(OrderAcked ack)
    {
        if (State is OrderState.Sent or OrderState.InDoubt)
        {
            return Changed(this with { State = OrderState.Acked, VenueOrderId = ack.VenueOrderId });
        }

        // A late ack after fills or a cancel carries no news beyond the venue id.
        return VenueOrderId is null && State != OrderState.New
            ? Changed(this with { VenueOrderId = ack.VenueOrderId })
            : Unchanged($"ack in {State}");
    }

    private OrderTransition OnFill(OrderFilled fill)
    {
        if (TradeIds.Contains(fill.TradeId))
        {
            return Unchanged($"duplicate trade {fill.TradeId}");
        }

        if (State is OrderState.New or OrderState.Rejected or OrderState.NotFound or OrderState.Filled)
        {
            return Unchanged($"fill in {State}");
        }

        if (fill.Quantity <= 0 || FilledQuantity + fill.Quantity > Quantity)
        {
            return Unchanged($"fill of {fill.Quantity} would exceed the order quantity {Quantity} (filled {FilledQuantity})");
        }

        var filled = FilledQuantity + fill.Quantity;
        var average = ((AveragePrice * FilledQuantity) + (fill.Price * fill.Quantity)) / filled;
        var state = filled == Quantity ? OrderState.Filled
            : State.IsTerminal() ? State
            : OrderState.PartiallyFilled;
        return Changed(this with
        {
            State = state,
            FilledQuantity = filled,
            AveragePrice = average,
            Fees = Fees + fill.Fee,
            TradeIds = TradeIds.Add(fill.TradeId),
        });
    }

    private OrderTransition Close(OrderState terminal) =>
        State.MayBeLiveAtVenue() ? Changed(this with { State = terminal }) : Unchanged($"{terminal} in {State}");

    private OrderTransition? Move(OrderState from, OrderState to) => State == from ? Changed(this with { State = to }) : null;

    private static OrderTransition Changed(OrderLifecycle next) => new(next, true, null);

    private OrderTransition Unchanged(string why) => new(this, false, why);
}

/// <summary>The result of applying one event: the next order, whether it changed, and why not when it did not.</summary>
public sealed record OrderTransition(OrderLifecycle Order, bool Changed, string? IgnoredBecause);
