namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>
/// numpy's default (<c>method="linear"</c>) percentile over a sorted sample: the value at rank q·(n−1), interpolated
/// between its neighbours. The old frames were scaled with it, so the same numbers come out (SPEC §9.2).
/// </summary>
public static class LinearPercentile
{
    /// <param name="sorted">Ascending, non-empty.</param>
    /// <param name="q">0..100.</param>
    public static double Of(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("Percentile of an empty sample.", nameof(sorted));
        }

        var rank = q / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var t = rank - lo;
        var a = sorted[lo];
        var b = sorted[hi];

        // numpy's _lerp: interpolate from the nearer end, so the result is bit-identical to the old frames'.
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }
}
