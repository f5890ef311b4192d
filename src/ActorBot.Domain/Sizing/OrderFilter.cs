using ActorBot.Domain.Risk;

namespace ActorBot.Domain.Sizing;

/// <summary>
/// Checks one order against a symbol's filters before it leaves the process, so the venue never has to
/// refuse it. Nothing is adjusted here: a value off its grid or under a minimum is a rejection with a
/// reason (reject and continue), never a silent round-up.
/// </summary>
public static class OrderFilter
{
    /// <param name="price">Limit or trigger price; null for a MARKET order.</param>
    /// <param name="markPrice">Reference for MIN_NOTIONAL of market orders and for PERCENT_PRICE.</param>
    public static FilterRejection? Check(SymbolFilters filters, decimal? price, decimal quantity, decimal markPrice, bool reduceOnly = false)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var market = price is null;
        var lot = filters.Lot(market);

        if (price is { } p)
        {
            if (filters.MinPrice > 0 && p < filters.MinPrice)
            {
                return new FilterRejection(DropReason.MinPrice, $"price {p} < minPrice {filters.MinPrice}");
            }

            if (filters.MaxPrice > 0 && p > filters.MaxPrice)
            {
                return new FilterRejection(DropReason.MaxPrice, $"price {p} > maxPrice {filters.MaxPrice}");
            }

            // Binance futures: (price - minPrice) % tickSize == 0.
            if (!Grid.IsOnGrid(p, filters.TickSize, filters.MinPrice))
            {
                return new FilterRejection(DropReason.TickSize, $"price {p} is not a multiple of tickSize {filters.TickSize}");
            }

            if (filters.PercentPriceMultiplierUp is { } up && markPrice > 0 && p > markPrice * up)
            {
                return new FilterRejection(DropReason.PercentPrice, $"price {p} > mark {markPrice} x multiplierUp {up}");
            }

            if (filters.PercentPriceMultiplierDown is { } down && markPrice > 0 && p < markPrice * down)
            {
                return new FilterRejection(DropReason.PercentPrice, $"price {p} < mark {markPrice} x multiplierDown {down}");
            }
        }

        if (quantity < lot.MinQty || quantity <= 0)
        {
            return new FilterRejection(DropReason.MinQty, $"quantity {quantity} < minQty {lot.MinQty}");
        }

        if (lot.MaxQty > 0 && quantity > lot.MaxQty)
        {
            return new FilterRejection(DropReason.MaxQty, $"quantity {quantity} > maxQty {lot.MaxQty}");
        }

        // Binance futures: (quantity - minQty) % stepSize == 0.
        if (!Grid.IsOnGrid(quantity, lot.StepSize, lot.MinQty))
        {
            return new FilterRejection(DropReason.StepSize, $"quantity {quantity} is not a multiple of stepSize {lot.StepSize}");
        }

        // Reduce-only orders are exempt from MIN_NOTIONAL on the venue: a small remainder must still be closable.
        var notional = (price ?? markPrice) * quantity;
        if (!reduceOnly && filters.MinNotional is { } minNotional && notional < minNotional)
        {
            return new FilterRejection(DropReason.MinNotional, $"notional {notional} < MIN_NOTIONAL {minNotional}");
        }

        return null;
    }
}
