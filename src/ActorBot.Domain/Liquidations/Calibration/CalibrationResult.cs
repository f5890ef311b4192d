namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>Why calibration was switched off (SPEC §6.6 step 13).</summary>
public enum SafetyTrip
{
    LowEntropy,
    WeightCap,
    BufferBound,
    ToleranceBound,
}

/// <summary>
/// One calibration window's outcome (the old <c>calibration</c> record, SPEC §6.9). <see cref="Weights"/> (one per
/// <see cref="Tiers"/>, ascending, the symbol's own ladder) and <see cref="Buffer"/> are what the inference takes:
/// <c>EntryInference.UpdateWeights(result.Weights, result.Buffer)</c>, so the tuned buffer reaches the projections (§13 #6).
/// When calibration is disabled they are the unchanged current values. <see cref="Entropy"/> is over the enabled tiers,
/// the same number the safety rule tests (§13 #23).
/// </summary>
public sealed record CalibrationResult(
    long MinuteMs,
    long CalibrationCount,
    int TotalEvents,
    int Hits,
    int Misses,
    double HitRate,
    IReadOnlyList<int> Tiers,
    IReadOnlyList<double> OldWeights,
    IReadOnlyList<double> Weights,
    IReadOnlyList<double> Scores,
    IReadOnlyDictionary<int, int> AttributedTierCounts,
    double OldBuffer,
    double Buffer,
    int OldTolerance,
    int Tolerance,
    double OldBiasLong,
    double BiasLong,
    double OldBiasShort,
    double BiasShort,
    int ApproachEvents,
    int UnreachedZones,
    double Entropy,
    double EntropyFloor,
    double MaxWeight,
    bool CalibrationEnabled,
    SafetyTrip? Tripped,
    bool WeightsApplied);
