namespace ActorBot.Domain.Sizing;

/// <summary>
/// One symbol's trading rules from Binance USDⓈ-M <c>GET /fapi/v1/exchangeInfo</c> filters:
/// PRICE_FILTER (tickSize, minPrice, maxPrice), LOT_SIZE (stepSize, minQty, maxQty) for limit orders,
/// MARKET_LOT_SIZE (the same for MARKET orders), MIN_NOTIONAL (notional; reduce-only orders are exempt),
/// PERCENT_PRICE (multiplierUp/multiplierDown around the mark price). A zero tick, step or bound disables
/// that rule, as the venue documents. Mapping from the adapter: <c>ActorBot.Venues.Binance.Rest.SymbolRules</c>
/// carries everything here except PERCENT_PRICE and MARKET_LOT_SIZE.minQty (the host fills those, or
/// leaves them null = rule off); Domain does not reference Venues.
/// </summary>
public sealed record SymbolFilters(
    string Symbol,
    decimal TickSize,
    decimal MinPrice,
    decimal MaxPrice,
    decimal StepSize,
    decimal MinQty,
    decimal MaxQty,
    decimal? MarketStepSize = null,
    decimal? MarketMinQty = null,
    decimal? MarketMaxQty = null,
    decimal? MinNotional = null,
    decimal? PercentPriceMultiplierUp = null,
    decimal? PercentPriceMultiplierDown = null)
{
    /// <summary>The lot rule that applies to the order type: MARKET_LOT_SIZE for market orders when listed.</summary>
    public LotRule Lot(bool market) => market
        ? new LotRule(MarketStepSize ?? StepSize, MarketMinQty ?? MinQty, MarketMaxQty ?? MaxQty)
        : new LotRule(StepSize, MinQty, MaxQty);

    /// <summary>
    /// Rounds a price onto the tick grid in the given direction. Which direction is "safe" depends on the
    /// price's job; callers say it explicitly (see <see cref="PriceRounding"/>).
    /// </summary>
    public decimal RoundPrice(decimal price, PriceRounding rounding) => Grid.Round(price, TickSize, rounding);

    /// <summary>Floors a quantity onto the step grid: sizing never rounds up into more risk than was asked.</summary>
    public decimal FloorQuantity(decimal quantity, bool market) => Grid.Round(quantity, Lot(market).StepSize, PriceRounding.Down);
}

/// <summary>A lot rule (LOT_SIZE or MARKET_LOT_SIZE).</summary>
public sealed record LotRule(decimal StepSize, decimal MinQty, decimal MaxQty);

/// <summary>Which way a value goes onto its grid.</summary>
public enum PriceRounding
{
    Down,
    Up,
}

/// <summary>Grid arithmetic in decimal: exact, so 0.1 + 0.2 lands on a 0.1 tick.</summary>
public static class Grid
{
    public static decimal Round(decimal value, decimal increment, PriceRounding rounding)
    {
        if (increment <= 0)
        {
            return value;
        }

        var units = value / increment;
        var whole = rounding == PriceRounding.Down ? decimal.Floor(units) : decimal.Ceiling(units);
        return whole * increment;
    }

    public static bool IsOnGrid(decimal value, decimal increment, decimal origin = 0m) =>
        increment <= 0 || (value - origin) % increment == 0m;
}
