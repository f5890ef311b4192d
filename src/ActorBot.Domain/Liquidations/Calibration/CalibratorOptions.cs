namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>
/// The constants of the leverage calibrator (moonstream SPEC §6.1–6.2) with the runtime values as defaults, held per
/// instance so one symbol's tuning never reaches another's. Where a constant changed to fix a §13 defect, its comment
/// says which.
/// </summary>
public sealed record CalibratorOptions
{
    /// <summary>Minutes per calibration window (the viewer's 15; the class default 30 was never used).</summary>
    public int WindowMinutes { get; init; } = 15;

    /// <summary>Snapshots older than the window plus this many minutes are dropped (SPEC §6.3: 20 minutes in all).</summary>
    public int SnapshotSlackMinutes { get; init; } = 5;

    /// <summary>Completed minutes of price range kept to look for the entries a liquidation implies (the old cache held 60).</summary>
    public int EntryLookbackMinutes { get; init; } = 60;

    /// <summary>Binary hit tolerance in buckets at start (the old runtime value once a weight file had loaded).</summary>
    public int InitialTolerance { get; init; } = 4;

    public int ToleranceMin { get; init; } = 2;

    public int ToleranceMax { get; init; } = 50;

    /// <summary>Weight learning rate on the score difference.</summary>
    public double LearningRate { get; init; } = 0.10;

    /// <summary>Per-cycle ratio clamp of a weight.</summary>
    public double RatioMin { get; init; } = 0.85;

    public double RatioMax { get; init; } = 1.20;

    /// <summary>Cap of a proposed weight before anchoring.</summary>
    public double WeightCap { get; init; } = 0.35;

    /// <summary>Share of the proposed weights mixed into the old ones (0.1: the old ANCHOR_LAMBDA).</summary>
    public double AnchorLambda { get; init; } = 0.10;

    /// <summary>Tiers at or below this leverage are "mid" and keep at least <see cref="MinMassMid"/> together.</summary>
    public int MidLeverageThreshold { get; init; } = 25;

    public double MinMassMid { get; init; } = 0.25;

    public double InitialBuffer { get; init; } = 0.002;

    public double BufferMin { get; init; } = 0.0005;

    public double BufferMax { get; init; } = 0.01;

    /// <summary>Multiplicative buffer step per cycle (×0.98 or ×1.02).</summary>
    public double BufferLearningRate { get; init; } = 0.02;

    /// <summary>Responsibility temperature and hit scale (percent of price), before the volatility scale.</summary>
    public double TauPctBase { get; init; } = 0.0012;

    public double DeltaPctBase { get; init; } = 0.0008;

    public double VolBaseline { get; init; } = 0.0015;

    public double VolScaleMin { get; init; } = 0.7;

    public double VolScaleMax { get; init; } = 1.6;

    public double VolEwmaAlpha { get; init; } = 0.1;

    /// <summary>Distance bands of an event from its reference price; only NEAR and MID events update calibration.</summary>
    public double BandNear { get; init; } = 0.010;

    public double BandMid { get; init; } = 0.025;

    /// <summary>An event further than this from its reference price is counted but never learned from.</summary>
    public double MaxEventPriceDeviation { get; init; } = 0.15;

    /// <summary>A predicted zone within this share of the close counts as reached (approached) this minute.</summary>
    public double ApproachLearnPct { get; init; } = 0.0035;

    /// <summary>The event-price range of a window is widened by this share when judging unreached zones.</summary>
    public double ApproachPct { get; init; } = 0.0075;

    /// <summary>Hits credited per approached zone, times its stress.</summary>
    public double ApproachHitMult { get; init; } = 0.25;

    public double ApproachDistDecay { get; init; } = 0.002;

    public int ApproachTopK { get; init; } = 3;

    /// <summary>Aggression imbalance scale of the stress.</summary>
    public double ImbalanceK { get; init; } = 0.15;

    /// <summary>
    /// OI fuel scale as a share of open interest (SPEC §13 #19: the old fixed 1000 base units saturated for SOL and was
    /// tiny for BTC; a relative change is the same for every symbol).
    /// </summary>
    public double OiFuelPct { get; init; } = 0.001;

    public double StressWeightAggression { get; init; } = 0.35;

    public double StressWeightOi { get; init; } = 0.20;

    /// <summary>Hits removed per responsibility for a zone inside the traded range that was never reached.</summary>
    public double UnreachedPenalty { get; init; } = 0.05;

    public double BiasEta { get; init; } = 0.10;

    public double BiasCap { get; init; } = 0.008;

    public int MinBiasSamples { get; init; } = 10;

    public int MinBufferSamples { get; init; } = 10;

    public int MinToleranceSamples { get; init; } = 5;

    /// <summary>
    /// The safety floor of the weights' entropy over the enabled tiers, as a share of its maximum ln(n) (SPEC §13 #2: the
    /// old absolute 1.6 was above the default weights' 1.588, so every run tripped at cycle 3). 0.5 flags a collapse
    /// onto one or two tiers and is passed by every default ladder and every recorded weight file.
    /// </summary>
    public double SafetyEntropyRatioMin { get; init; } = 0.5;

    /// <summary>A weight at or above this counts towards the cap trip.</summary>
    public double SafetyMaxWeight { get; init; } = 0.39;

    public int SafetyEntropyTrip { get; init; } = 3;

    public int SafetyCapTrip { get; init; } = 3;

    public int SafetyBoundsTrip { get; init; } = 6;

    /// <summary>Throws a typed error when a value is out of its range.</summary>
    public void Validate()
    {
        Check(WindowMinutes > 0, nameof(WindowMinutes), WindowMinutes);
        Check(SnapshotSlackMinutes >= 0, nameof(SnapshotSlackMinutes), SnapshotSlackMinutes);
        Check(EntryLookbackMinutes > 0, nameof(EntryLookbackMinutes), EntryLookbackMinutes);
        Check(ToleranceMin >= 0 && ToleranceMax >= ToleranceMin, nameof(ToleranceMax), ToleranceMax);
        Check(InitialTolerance >= ToleranceMin && InitialTolerance <= ToleranceMax, nameof(InitialTolerance), InitialTolerance);
        Check(LearningRate > 0, nameof(LearningRate), LearningRate);
        Check(RatioMin > 0 && RatioMax >= RatioMin, nameof(RatioMax), RatioMax);
        Check(WeightCap > 0 && WeightCap <= 1, nameof(WeightCap), WeightCap);
        Check(AnchorLambda > 0 && AnchorLambda <= 1, nameof(AnchorLambda), AnchorLambda);
        Check(MinMassMid >= 0 && MinMassMid < 1, nameof(MinMassMid), MinMassMid);
        Check(BufferMin > 0 && BufferMax >= BufferMin && BufferMax < 0.05, nameof(BufferMax), BufferMax);
        Check(InitialBuffer >= BufferMin && InitialBuffer <= BufferMax, nameof(InitialBuffer), InitialBuffer);
        Check(BufferLearningRate > 0 && BufferLearningRate < 1, nameof(BufferLearningRate), BufferLearningRate);
        Check(TauPctBase > 0 && DeltaPctBase > 0 && VolBaseline > 0, nameof(TauPctBase), TauPctBase);
        Check(VolScaleMin > 0 && VolScaleMax >= VolScaleMin, nameof(VolScaleMax), VolScaleMax);
        Check(VolEwmaAlpha > 0 && VolEwmaAlpha <= 1, nameof(VolEwmaAlpha), VolEwmaAlpha);
        Check(BandNear > 0 && BandMid >= BandNear && MaxEventPriceDeviation > 0, nameof(BandMid), BandMid);
        Check(ApproachLearnPct > 0 && ApproachPct >= 0 && ApproachDistDecay > 0 && ApproachTopK >= 0, nameof(ApproachLearnPct), ApproachLearnPct);
        Check(ImbalanceK > 0 && OiFuelPct > 0, nameof(OiFuelPct), OiFuelPct);
        Check(StressWeightAggression >= 0 && StressWeightOi >= 0 && StressWeightAggression + StressWeightOi <= 1, nameof(StressWeightOi), StressWeightOi);
        Check(UnreachedPenalty >= 0 && BiasEta > 0 && BiasEta <= 1 && BiasCap > 0, nameof(BiasEta), BiasEta);
        Check(MinBiasSamples > 0 && MinBufferSamples > 0 && MinToleranceSamples > 0, nameof(MinBiasSamples), MinBiasSamples);
        Check(SafetyEntropyRatioMin >= 0 && SafetyEntropyRatioMin < 1, nameof(SafetyEntropyRatioMin), SafetyEntropyRatioMin);
        Check(SafetyMaxWeight > 0 && SafetyMaxWeight <= 1, nameof(SafetyMaxWeight), SafetyMaxWeight);
        Check(SafetyEntropyTrip > 0 && SafetyCapTrip > 0 && SafetyBoundsTrip > 0, nameof(SafetyEntropyTrip), SafetyEntropyTrip);
    }

    private static void Check(bool ok, string name, double value)
    {
        if (!ok || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, $"Calibrator option {name} = {value} is out of range.");
        }
    }
}
