using System.Collections.Immutable;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Paper;

namespace ActorBot.Engine.Venues.Paper;

/// <summary>An open paper trade and the path its replies go to.</summary>
public sealed record PaperOpenTrade(PaperTrade Trade, string ReplyTo);

/// <summary>
/// What the paper execution holds, rebuilt from its journal: open trades, the ids of closed ones (a re-sent intent is
/// never filled twice) and the totals the probe shows (fills, closes by reason, fees, slippage cost, realised PnL).
/// Immutable: the actor folds a batch's events into a working copy before they are journaled.
/// </summary>
public sealed record PaperBook(
    ImmutableDictionary<string, PaperOpenTrade> Open,
    ImmutableHashSet<string> Closed,
    long Fills,
    ImmutableDictionary<string, long> ClosesByReason,
    decimal FeesUsd,
    decimal SlippageUsd,
    decimal RealizedPnlUsd)
{
    public static PaperBook Empty { get; } = new(
        ImmutableDictionary.Create<string, PaperOpenTrade>(StringComparer.Ordinal),
        ImmutableHashSet.Create<string>(StringComparer.Ordinal),
        0,
        ImmutableDictionary.Create<string, long>(StringComparer.Ordinal),
        0m,
        0m,
        0m);

    public bool Knows(string eventId) => Open.ContainsKey(eventId) || Closed.Contains(eventId);

    public PaperBook Apply(IPaperExecutionEvent e) => e switch
    {
        PaperTradeOpened o => this with
        {
            Open = Open.SetItem(o.EventId, new PaperOpenTrade(
                new PaperTrade(o.EventId, o.Symbol, o.SignalTimeMs, o.Side > 0 ? TradeDirection.Long : TradeDirection.Short, o.Quantity,
                    o.EntryPrice, o.EntryFee, o.StopTrigger, o.TakeProfitTrigger, o.FilledAtMs),
                o.ReplyTo)),
            Fills = Fills + 1,
            FeesUsd = FeesUsd + o.EntryFee,
            SlippageUsd = SlippageUsd + Math.Abs(o.EntryPrice - o.ReferencePrice) * o.Quantity,
        },
        PaperCloseRequested c when Open.TryGetValue(c.EventId, out var t) =>
            this with { Open = Open.SetItem(c.EventId, t with { Trade = t.Trade with { PendingClose = c.Reason } }) },
        PaperBracketsCanceled b when Open.TryGetValue(b.EventId, out var t) =>
            this with { Open = Open.SetItem(b.EventId, t with { Trade = t.Trade with { StopTrigger = null, TakeProfitTrigger = null } }) },
        PaperTradeClosed c when Open.TryGetValue(c.EventId, out var t) => this with
        {
            Open = Open.Remove(c.EventId),
            Closed = Closed.Add(c.EventId),
            ClosesByReason = ClosesByReason.SetItem(c.Reason, ClosesByReason.GetValueOrDefault(c.Reason) + 1),
            FeesUsd = FeesUsd + c.ExitFee,
            SlippageUsd = SlippageUsd + Math.Abs(c.ExitPrice - c.ReferencePrice) * t.Trade.Quantity,
            RealizedPnlUsd = RealizedPnlUsd + c.NetPnl,
        },
        _ => this,
    };
}
