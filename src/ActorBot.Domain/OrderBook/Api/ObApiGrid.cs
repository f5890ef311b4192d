using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Domain.OrderBook.Api;

/// <summary>A price grid of exact ticks: price i = (LoTick + i) · Step.</summary>
public readonly record struct ObGrid(long LoTick, int Count, double Step)
{
    public double PriceAt(int i) => (double)((LoTick + i) * (decimal)Step);

    public double PriceMin => PriceAt(0);

    public double PriceMax => PriceAt(Count - 1);

    /// <summary>The grid from two bounds, each rounded to the step, built by index.</summary>
    public static ObGrid Between(double lo, double hi, double step)
    {
        var loTick = (long)Math.Round(lo / step, MidpointRounding.ToEven);
        var hiTick = (long)Math.Round(hi / step, MidpointRounding.ToEven);
        return new ObGrid(loTick, (int)Math.Clamp(hiTick - loTick + 1, 0, int.MaxValue), step);
    }
}

/// <summary>
/// The order-book API's grid rules (moonstream SPEC §11.3 <c>/orderbook_heatmap*</c>): the 400 checks in the old order and
/// the resampling of a frame onto a requested grid (each native price snapped with <c>round(p/step)</c>; when the steps
/// differ the last writer wins, as the old server did). Pure.
/// </summary>
public static class ObApiGrid
{
    public const int MaxBuckets = 10_000;

    /// <summary>The step and bounds checks (5, 7, 8 of the old order); null when they pass.</summary>
    public static string? CheckGrid(double step, double? priceMin, double? priceMax)
    {
        if (!(step > 0))
        {
            return "step must be positive";
        }

        if (priceMin is { } lo && priceMax is { } hi)
        {
            if (hi <= lo)
            {
                return "price_max must be greater than price_min";
            }

            var n = Math.Floor((hi - lo) / step) + 1;
            if (n > MaxBuckets || n <= 0)
            {
                return $"grid too large: {(long)Math.Min(n, long.MaxValue)} buckets exceeds limit of {MaxBuckets}";
            }
        }

        return null;
    }

    /// <summary>Check 6: <c>0 &lt; range_pct ≤ 1</c>.</summary>
    public static string? CheckRange(double rangePct) => rangePct <= 0 || rangePct > 1 ? "range_pct must be between 0 and 1.0" : null;

    public static string TooLarge(int count) => $"grid too large: {count} buckets exceeds limit of {MaxBuckets}";

    /// <summary>One side's u8 intensities on the grid (0 where the frame has no price).</summary>
    public static byte[] Resample(ObFrame frame, ObGrid grid, bool bid)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var values = (bid ? frame.BidU8 : frame.AskU8).Span;
        var result = new byte[grid.Count];
        foreach (var (col, j) in Snap(frame, grid))
        {
            result[col] = values[j];
        }

        return result;
    }

    /// <summary>One side's USD notionals on the grid (0 where the frame has no price).</summary>
    public static double[] ResampleNotional(ObFrame frame, ObGrid grid, bool bid)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var values = (bid ? frame.BidNotional : frame.AskNotional).Span;
        var result = new double[grid.Count];
        foreach (var (col, j) in Snap(frame, grid))
        {
            result[col] = values[j];
        }

        return result;
    }

    /// <summary>The median, as Python's <c>statistics.median</c> (the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return 0;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>(grid column, frame index) for each frame price that lands on the grid, in frame order.</summary>
    private static List<(int Col, int Index)> Snap(ObFrame frame, ObGrid grid)
    {
        var pairs = new List<(int, int)>(frame.PriceCount);
        for (var j = 0; j < frame.PriceCount; j++)
        {
            var tick = (long)Math.Round((double)frame.PriceAt(j) / grid.Step, MidpointRounding.ToEven);
            var col = tick - grid.LoTick;
            if (col >= 0 && col < grid.Count)
            {
                pairs.Add(((int)col, j));
            }
        }

        return pairs;
    }
}
