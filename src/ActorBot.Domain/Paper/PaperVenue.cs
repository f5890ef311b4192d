using ActorBot.Domain.Execution;
using ActorBot.Domain.Sizing;

namespace ActorBot.Domain.Paper;

/// <summary>An approved entry sent to the paper venue: a MARKET order with the strategy's stop and take-profit prices.</summary>
public sealed record PaperEntryOrder(string EventId, string Symbol, long SignalTimeMs, TradeDirection Direction, decimal Quantity, decimal StopPrice, decimal TakeProfitPrice);

/// <summary>
/// An open paper position: the entry fill (price after slippage, taker fee), its bracket triggers (null once
/// canceled, or when they could not be placed), the exchange time of the print it filled at (brackets arm
/// strictly after it) and a requested market close (<see cref="PendingClose"/>: its reason) that fills at the next print.
/// </summary>
public sealed record PaperTrade(
    string EventId,
    string Symbol,
    long SignalTimeMs,
    TradeDirection Direction,
    decimal Quantity,
    decimal EntryPrice,
    decimal EntryFee,
    decimal? StopTrigger,
    decimal? TakeProfitTrigger,
    long FilledAtMs,
    string? PendingClose = null)
{
    public bool HasBrackets => StopTrigger is not null && TakeProfitTrigger is not null;
}

/// <summary>What the paper venue answers an entry: refused with a reason, or filled.</summary>
public abstract record PaperEntryOutcome;

/// <summary>Nothing filled: <c>paper_fill_none</c> (mode none), <c>paper_no_quote</c> (no print seen for the symbol yet), <c>paper_no_price</c>.</summary>
public sealed record PaperEntryRefused(string Reason) : PaperEntryOutcome;

/// <summary>
/// Filled. <see cref="PaperTrade.HasBrackets"/> false: the fill slipped past the stop or the target, so the brackets
/// cannot be placed (the venue would refuse a stop that triggers at once) and the caller flattens at once.
/// </summary>
public sealed record PaperEntryOpened(PaperTrade Trade) : PaperEntryOutcome;

/// <summary>A closed paper position: exit fill (after slippage), exit fee, and PnL net of both fees.</summary>
public sealed record PaperExit(decimal Price, decimal Fee, decimal NetPnl, string Reason);

/// <summary>
/// The in-process venue of trade mode paper (paraphina SPEC §7 fill contract, on trade prints): entries fill by
/// <see cref="PaperFillModel"/> against the latest quote, brackets are priced from the actual fill by
/// <see cref="BracketPlan"/> (as the live execution does) and trigger through <see cref="PaperBracketSimulator"/>
/// on prints strictly later than the fill — never on bar OHLC, never on the print the entry filled at.
/// Pure: the caller keeps the trades and the quotes.
/// </summary>
public static class PaperVenue
{
    public static PaperEntryOutcome Enter(PaperEntryOrder order, PaperQuote? quote, long quoteTimeMs, PaperFillModel fills, SymbolFilters filters, string strategy)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(filters);
        if (fills.Mode == PaperFillMode.None)
        {
            return new PaperEntryRefused("paper_fill_none");
        }

        if (quote is null)
        {
            return new PaperEntryRefused("paper_no_quote");
        }

        if (fills.TryFill(new PaperOrder(order.Direction.EntrySide(), order.Quantity, null), quote) is not { } fill)
        {
            return new PaperEntryRefused("paper_no_price");
        }

        var trade = new PaperTrade(order.EventId, order.Symbol, order.SignalTimeMs, order.Direction, fill.Quantity, fill.Price, fill.Fee, null, null, quoteTimeMs);
        var sign = order.Direction.Sign();
        var stopDistance = sign * (fill.Price - order.StopPrice);
        var takeDistance = sign * (order.TakeProfitPrice - fill.Price);
        if (stopDistance <= 0 || takeDistance <= 0)
        {
            return new PaperEntryOpened(trade);
        }

        var plan = BracketPlan.Plan(
            new EntryFill(order.Symbol, order.Direction, fill.Price, fill.Quantity, strategy, order.SignalTimeMs),
            new BracketGeometry(stopDistance, takeDistance, WorkingType.ContractPrice),
            filters);
        return new PaperEntryOpened(trade with { StopTrigger = plan.StopLoss.TriggerPrice, TakeProfitTrigger = plan.TakeProfit.TriggerPrice });
    }

    /// <summary>
    /// A print reaches an open trade: a bracket leg that triggers closes it (<c>sl</c> | <c>tp</c>, checked first: it
    /// was already working at the venue), else a requested close fills here. Prints at or before the fill's time: null.
    /// </summary>
    public static PaperExit? OnPrint(PaperTrade trade, TradePrint print, PaperFillModel fills)
    {
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(print);
        ArgumentNullException.ThrowIfNull(fills);
        if (print.TimeMs <= trade.FilledAtMs)
        {
            return null;
        }

        if (trade is { StopTrigger: { } stop, TakeProfitTrigger: { } take })
        {
            var bracket = new PaperBracket(trade.Symbol, trade.Direction, trade.Quantity, trade.EntryPrice, stop, take, trade.FilledAtMs);
            if (PaperBracketSimulator.OnPrint(bracket, print, fills) is { } exit)
            {
                return new PaperExit(exit.FillPrice, exit.Fee, exit.PnlUsd - trade.EntryFee, exit.Leg == OrderLeg.StopLoss ? "sl" : "tp");
            }
        }

        return trade.PendingClose is { } reason ? CloseAt(trade, print.Price, fills, reason) : null;
    }

    /// <summary>A reduce-only MARKET close at <paramref name="price"/>: slippage against the trader, taker fee, PnL net of both fees.</summary>
    public static PaperExit CloseAt(PaperTrade trade, decimal price, PaperFillModel fills, string reason)
    {
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(fills);
        var fill = fills.ApplySlippage(trade.Direction.ExitSide(), price);
        var fee = fills.TakerFee(fill, trade.Quantity);
        var pnl = (trade.Direction.Sign() * (fill - trade.EntryPrice) * trade.Quantity) - fee - trade.EntryFee;
        return new PaperExit(fill, fee, pnl, reason);
    }
}
