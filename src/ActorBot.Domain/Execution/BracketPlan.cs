using ActorBot.Domain.Sizing;

namespace ActorBot.Domain.Execution;

/// <summary>The fill a bracket is priced from: the actual average entry, not the signal price.</summary>
public sealed record EntryFill(string Symbol, TradeDirection Direction, decimal AveragePrice, decimal Quantity, string Strategy, long SignalTimeMs);

/// <summary>Bracket geometry as absolute price distances from the entry (e.g. SL = k·R, TP = m·R).</summary>
public sealed record BracketGeometry(decimal StopDistance, decimal TakeProfitDistance, WorkingType WorkingType = WorkingType.MarkPrice, bool UseClosePosition = false);

/// <summary>The two legs, or why they cannot be placed (then the caller flattens at once: never unprotected).</summary>
public sealed record BracketOrders(ConditionalOrder StopLoss, ConditionalOrder TakeProfit);

/// <summary>
/// Prices the SL and TP of a filled entry. Rounding rule: both triggers go onto the tick grid in the
/// direction adverse to the position (down for a long, up for a short). For the stop that is away from
/// the entry, so rounding never tightens the stop inside the planned distance (which could trigger at
/// once on noise, or be refused with −2021 "would immediately trigger"); the loss grows by under one tick.
/// For the take-profit it is toward the entry, so the target is never further than planned. Each trigger
/// is kept at least one tick from the entry.
/// </summary>
public static class BracketPlan
{
    public static BracketOrders Plan(EntryFill fill, BracketGeometry geometry, SymbolFilters filters, int attempt = 0)
    {
        ArgumentNullException.ThrowIfNull(fill);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(filters);
        if (fill.AveragePrice <= 0 || fill.Quantity <= 0 || geometry.StopDistance <= 0 || geometry.TakeProfitDistance <= 0)
        {
            throw new ArgumentException($"bracket for {fill.Symbol}: entry {fill.AveragePrice}, quantity {fill.Quantity}, SL distance {geometry.StopDistance}, TP distance {geometry.TakeProfitDistance} must all be positive");
        }

        var sign = fill.Direction.Sign();
        var rounding = fill.Direction == TradeDirection.Long ? PriceRounding.Down : PriceRounding.Up;
        var tick = filters.TickSize > 0 ? filters.TickSize : 0m;
        var entry = fill.AveragePrice;

        var sl = filters.RoundPrice(entry - (sign * geometry.StopDistance), rounding);
        var tp = filters.RoundPrice(entry + (sign * geometry.TakeProfitDistance), rounding);
        if (sign * (entry - sl) < tick)
        {
            sl = filters.RoundPrice(entry - (sign * tick), rounding);
        }

        if (sign * (tp - entry) < tick)
        {
            tp = filters.RoundPrice(entry + (sign * tick), rounding == PriceRounding.Down ? PriceRounding.Up : PriceRounding.Down);
        }

        var qty = geometry.UseClosePosition ? (decimal?)null : fill.Quantity;
        ConditionalOrder Leg(OrderLeg leg, ConditionalOrderType type, decimal trigger) => new(
            fill.Symbol,
            fill.Direction.ExitSide(),
            type,
            trigger,
            qty,
            ReduceOnly: !geometry.UseClosePosition,
            ClosePosition: geometry.UseClosePosition,
            geometry.WorkingType,
            ClientOrderId.Create(fill.Strategy, fill.Symbol, fill.SignalTimeMs, leg, attempt),
            leg);

        return new BracketOrders(
            Leg(OrderLeg.StopLoss, ConditionalOrderType.StopMarket, sl),
            Leg(OrderLeg.TakeProfit, ConditionalOrderType.TakeProfitMarket, tp));
    }
}
