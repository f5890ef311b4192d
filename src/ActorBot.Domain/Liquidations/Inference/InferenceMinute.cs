namespace ActorBot.Domain.Liquidations.Inference;

/// <summary>One tier's contribution projected this minute: what a zones engine creates or reinforces (SPEC §4.4).</summary>
public sealed record ProjectedContribution(LiquidationSide Side, int Tier, long Tick, double ContribUsd, double Confidence);

/// <summary>One bucket the price crossed this minute (SPEC §4.3 step 3): cut by the sweep share, or deleted.</summary>
public sealed record SweptProjection(LiquidationSide Side, long Tick, double BeforeUsd, double RemovedUsd, bool Deleted);

/// <summary>
/// What one minute did to a symbol's projections, returned instead of calling a zone manager: a zones engine applies
/// <see cref="Projected"/> (create/reinforce), <see cref="Swept"/> and <see cref="CloseFactor"/> (scale every zone)
/// itself. Amounts are USD; OI is in base units.
/// </summary>
public sealed record InferenceMinute(
    string Symbol,
    long MinuteMs,
    double SourcePrice,
    double? OpenInterest,
    double? PriorOpenInterest,
    double OiDelta,
    double OiDeltaUsd,
    double OiThresholdUsd,
    double BuyShare,
    double BuyWeight,
    IReadOnlyList<ProjectedContribution> Projected,
    IReadOnlyList<SweptProjection> Swept,
    int DecayedAway,
    double CloseFactor,
    double ClosedUsd,
    int LongBuckets,
    int ShortBuckets)
{
    public double ProjectedUsd(LiquidationSide side) => Projected.Where(p => p.Side == side).Sum(p => p.ContribUsd);

    public double SweptUsd(LiquidationSide side) => Swept.Where(s => s.Side == side).Sum(s => s.RemovedUsd);
}
