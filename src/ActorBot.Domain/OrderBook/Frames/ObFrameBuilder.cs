namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>
/// Sums a book into a frame's bucket grid (SPEC §9.2), with exact arithmetic throughout: level prices are
/// <see cref="Fixed8"/> integers, buckets are integer ticks (nearest multiple of the step, half to even as Python's
/// <c>round</c>), notionals are <see cref="decimal"/> until the scaling.
/// </summary>
public static class ObFrameBuilder
{
    public static ObFrame Build(ObFrameOptions options, OrderBook book, decimal src, long boundaryUnixMs, long bookUpdateId)
    {
        var lo = src * (1 - options.RangePct);
        var hi = src * (1 + options.RangePct);
        var minTick = RoundHalfEven(lo / options.Step);
        var maxTick = RoundHalfEven(hi / options.Step);
        var count = maxTick - minTick + 1;
        var truncated = count > ObFrameOptions.MaxPrices;
        var n = (int)Math.Clamp(count, 1, ObFrameOptions.MaxPrices);

        // Levels are taken on the raw bounds (a level price is a multiple of 1e-8, so ceil/floor are exact).
        var loFixed = (long)decimal.Ceiling(lo * Fixed8.Scale);
        var hiFixed = (long)decimal.Floor(hi * Fixed8.Scale);

        var bids = new decimal[n];
        var asks = new decimal[n];
        var totalBid = Sum(book.Bids, options.StepFixed8, loFixed, hiFixed, minTick, bids);
        var totalAsk = Sum(book.Asks, options.StepFixed8, loFixed, hiFixed, minTick, asks);

        var bidUsd = ToDouble(bids);
        var askUsd = ToDouble(asks);
        var norm = ObFrameScaling.Pooled(bidUsd, askUsd);
        return new ObFrame
        {
            Symbol = options.Symbol,
            TsSeconds = (boundaryUnixMs / 1000) - ObFrameOptions.SlotSeconds,
            BoundaryUnixMs = boundaryUnixMs,
            Src = src,
            Step = options.Step,
            MinTick = minTick,
            PriceCount = n,
            Truncated = truncated,
            BidNotional = bidUsd,
            AskNotional = askUsd,
            BidU8 = ObFrameScaling.ToU8(bidUsd, norm.P50, norm.P95),
            AskU8 = ObFrameScaling.ToU8(askUsd, norm.P50, norm.P95),
            Norm = norm,
            Bid = ObFrameScaling.Side(bidUsd),
            Ask = ObFrameScaling.Side(askUsd),
            TotalBidNotional = totalBid,
            TotalAskNotional = totalAsk,
            BookUpdateId = bookUpdateId,
        };
    }

    /// <summary>The bucket tick of a <see cref="Fixed8"/> price: the nearest multiple of the step, half to even.</summary>
    public static long TickOf(long priceFixed8, long stepFixed8)
    {
        var quotient = priceFixed8 / stepFixed8;
        var twice = 2 * (priceFixed8 % stepFixed8);
        if (twice > stepFixed8 || (twice == stepFixed8 && (quotient & 1) == 1))
        {
            quotient++;
        }

        return quotient;
    }

    /// <summary>Walks one side outward from the touch, inside [lo, hi] only, adding price·qty to each level's bucket.</summary>
    private static decimal Sum(OrderBookSide side, long stepFixed8, long loFixed, long hiFixed, long minTick, decimal[] buckets)
    {
        var total = 0m;
        var descending = side.Side == BookSide.Bid;
        for (var rank = 0; rank < side.Count; rank++)
        {
            var level = side.LevelFromBest(rank);
            if (descending ? level.Price > hiFixed : level.Price < loFixed)
            {
                continue;
            }

            if (descending ? level.Price < loFixed : level.Price > hiFixed)
            {
                break;
            }

            var index = TickOf(level.Price, stepFixed8) - minTick;
            if (index < 0 || index >= buckets.Length)
            {
                continue; // past a grid cut to 1000 prices
            }

            var notional = Fixed8.ToDecimal(level.Price) * Fixed8.ToDecimal(level.Quantity);
            buckets[index] += notional;
            total += notional;
        }

        return total;
    }

    private static long RoundHalfEven(decimal value) => (long)decimal.Round(value, MidpointRounding.ToEven);

    private static double[] ToDouble(decimal[] values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (double)values[i];
        }

        return result;
    }
}
