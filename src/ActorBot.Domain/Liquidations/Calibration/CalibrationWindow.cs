namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>
/// The statistics one calibration window gathers (the old <c>CalibrationStats</c>, SPEC §6.3), reset after every
/// calibration. Soft tier sums are indexed like the ladder's tiers.
/// </summary>
internal sealed class CalibrationWindow
{
    public CalibrationWindow(int tiers)
    {
        TierTotals = new double[tiers];
        TierHits = new double[tiers];
    }

    public int TotalEvents { get; set; }

    public int Hits { get; set; }

    public int Misses { get; set; }

    public double[] TierTotals { get; }

    public double[] TierHits { get; }

    public Dictionary<int, int> AttributedCounts { get; } = [];

    public List<double> Directions { get; } = [];

    public List<double> MissDistances { get; } = [];

    public List<double> LongMissPct { get; } = [];

    public List<double> ShortMissPct { get; } = [];

    /// <summary>The range of the window's (sane) liquidation prices; empty while <see cref="High"/> &lt; <see cref="Low"/>.</summary>
    public double High { get; set; }

    public double Low { get; set; } = double.PositiveInfinity;

    public int ApproachEvents { get; set; }

    /// <summary>Predicted zones the close came near this window.</summary>
    public HashSet<(long Tick, LiquidationSide Side)> Reached { get; } = [];

    /// <summary>The src and buffer a zone was first predicted under this window (the first occurrence wins).</summary>
    public Dictionary<(long Tick, LiquidationSide Side), (double Src, double Buffer)> ZoneOrigin { get; } = [];
}
