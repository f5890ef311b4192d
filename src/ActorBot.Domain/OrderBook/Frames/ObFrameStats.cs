namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>
/// The pooled (bid and ask) statistics of a frame's non-zero bucket notionals, USD. p50 and p95 scale the u8
/// intensities; all five are served by <c>/orderbook_heatmap</c> and persisted (SPEC §13 #17).
/// </summary>
public readonly record struct ObNormStats(double P50, double P90, double P95, double P99, double Max)
{
    /// <summary>What an empty book reports (SPEC §9.2): p95 = p99 = max = 1 so the scale never divides by zero.</summary>
    public static ObNormStats Empty => new(0, 0, 1, 1, 1);
}

/// <summary>One side's statistics over its non-zero bucket notionals, USD: reported, not used for scaling.</summary>
public readonly record struct ObSideStats(double P50, double P95, double Max)
{
    public static ObSideStats Empty => new(0, 1, 1);
}
