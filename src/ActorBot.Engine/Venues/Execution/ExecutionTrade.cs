using ActorBot.Domain.Execution;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>One bracket leg as the journal knows it.</summary>
public sealed record BracketLeg(string Leg, string ClientAlgoId, decimal TriggerPrice, decimal Quantity, string Status)
{
    /// <summary>The venue may still hold it (sent, in doubt, or NEW): a sibling to cancel, a protection to count.</summary>
    public bool MayBeOpen => Status is "SENT" or "IN_DOUBT" or "NEW";
}

/// <summary>
/// One entry and everything that followed it: the entry order, its two brackets, the fills of whatever closed it
/// (a triggered bracket or a flatten, accumulated in <see cref="Exit"/> keyed by trade id).
/// </summary>
public sealed record ExecutionTrade(
    string EventId,
    string Symbol,
    long SignalTimeMs,
    TradeDirection Direction,
    decimal StopPrice,
    decimal TakeProfitPrice,
    OrderLifecycle Entry,
    BracketLeg? StopLoss,
    BracketLeg? TakeProfit,
    OrderLifecycle? Exit,
    string? CloseReason)
{
    public bool IsClosed => CloseReason is not null;

    /// <summary>The entry will fill no further: filled, or ended (expired/canceled) after a partial fill.</summary>
    public bool EntryDone => Entry.State == OrderState.Filled || (Entry.State.IsTerminal() && Entry.FilledQuantity > 0);

    /// <summary>The position this trade holds at the venue (base units, unsigned).</summary>
    public decimal OpenQuantity => IsClosed ? 0m : Entry.FilledQuantity - (Exit?.FilledQuantity ?? 0m);

    public BracketLeg? LegById(string clientId) =>
        StopLoss?.ClientAlgoId == clientId ? StopLoss : TakeProfit?.ClientAlgoId == clientId ? TakeProfit : null;

    /// <summary>Gross PnL of the closed quantity from the average prices (the venue's <c>rp</c> for a one-way position).</summary>
    public decimal RealizedPnl => Exit is null || Exit.FilledQuantity == 0
        ? 0m
        : Direction.Sign() * (Exit.AveragePrice - Entry.AveragePrice) * Exit.FilledQuantity;
}
