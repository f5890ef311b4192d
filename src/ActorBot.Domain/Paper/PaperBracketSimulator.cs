using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Paper;

/// <summary>A trade print (aggTrade) as the paper bracket simulator consumes it.</summary>
public sealed record TradePrint(long TradeId, decimal Price, long TimeMs);

/// <summary>A paper position with exchange-style SL and TP triggers, armed from <paramref name="ArmedAtMs"/> (the entry fill time).</summary>
public sealed record PaperBracket(string Symbol, TradeDirection Direction, decimal Quantity, decimal EntryPrice, decimal StopTrigger, decimal TakeProfitTrigger, long ArmedAtMs);

/// <summary>A bracket leg that triggered: at which print, filled at what price, with what fee.</summary>
public sealed record PaperBracketExit(OrderLeg Leg, TradePrint Print, decimal FillPrice, decimal Fee, decimal PnlUsd);

/// <summary>
/// Paper SL / TP: legs trigger on trade prints strictly later than the entry fill, never on bar OHLC (a bar
/// cannot say which of its high and low came first). A long's SL triggers on a print ≤ its trigger, its TP on a
/// print ≥ its trigger; mirrored for shorts. Tie rule: a print that satisfies both (only possible with
/// crossed triggers) exits at the SL — the conservative reading. A triggered leg fills as a market order at
/// the print price (a gap through the stop fills worse than the trigger, as on the venue) with slippage and
/// taker fee. Paper triggers on the trade price (CONTRACT_PRICE); mark-price triggers are not simulated.
/// </summary>
public static class PaperBracketSimulator
{
    public static PaperBracketExit? OnPrint(PaperBracket bracket, TradePrint print, PaperFillModel fills)
    {
        ArgumentNullException.ThrowIfNull(bracket);
        ArgumentNullException.ThrowIfNull(print);
        ArgumentNullException.ThrowIfNull(fills);
        if (print.TimeMs <= bracket.ArmedAtMs)
        {
            return null;
        }

        var sign = bracket.Direction.Sign();
        var stopHit = sign * (print.Price - bracket.StopTrigger) <= 0;
        var targetHit = sign * (print.Price - bracket.TakeProfitTrigger) >= 0;
        OrderLeg? leg = stopHit ? OrderLeg.StopLoss : targetHit ? OrderLeg.TakeProfit : null;
        if (leg is not { } l)
        {
            return null;
        }

        var fill = fills.ApplySlippage(bracket.Direction.ExitSide(), print.Price);
        var fee = fills.TakerFee(fill, bracket.Quantity);
        var pnl = (sign * (fill - bracket.EntryPrice) * bracket.Quantity) - fee;
        return new PaperBracketExit(l, print, fill, fee, pnl);
    }

    /// <summary>Runs prints in order until a leg triggers; null if none does.</summary>
    public static PaperBracketExit? FirstExit(PaperBracket bracket, IEnumerable<TradePrint> prints, PaperFillModel fills) =>
        prints.Select(p => OnPrint(bracket, p, fills)).FirstOrDefault(e => e is not null);
}
