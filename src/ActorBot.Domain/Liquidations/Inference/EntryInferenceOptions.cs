namespace ActorBot.Domain.Liquidations.Inference;

/// <summary>
/// The constants of the entry inference (moonstream SPEC §4.1), with the runtime values as defaults. Held per engine
/// instance, so one symbol's tuning never reaches another's.
/// </summary>
public sealed record EntryInferenceOptions
{
    /// <summary>Per-minute decay of every projection bucket (the runtime value; the old class default 0.998 was never used).</summary>
    public double Decay { get; init; } = 0.995;

    /// <summary>Buckets below this size (USD) are deleted, and contributions below it are not projected.</summary>
    public double MinBucketUsd { get; init; } = 100;

    /// <summary>The share of a crossed bucket removed per minute by the partial sweep.</summary>
    public double SweepReduction { get; init; } = 0.70;

    /// <summary>An OI increase projects only if it is at least this share of the prior open interest.</summary>
    public double MinOiChangePct { get; init; } = 0.00005;

    /// <summary>Lower clamp of the buy weight (the upper is 1 − this), so one-sided flow still projects both sides.</summary>
    public double MinSideWeight { get; init; } = 0.10;

    /// <summary>Most of the projections an OI drop may close in one minute.</summary>
    public double MaxOiReductionPerMinute { get; init; } = 0.25;

    /// <summary>Tiers below this (renormalised) weight are not projected; their mass goes to the other enabled tiers.</summary>
    public double MinTierWeight { get; init; } = 0.01;

    /// <summary>The maintenance buffer of the implied level at start; the calibrator replaces it through UpdateWeights.</summary>
    public double Buffer { get; init; } = 0.002;

    /// <summary>How many projecting minutes <c>inferences_in_window</c> counts (the old deque held 720).</summary>
    public int InferenceWindow { get; init; } = 720;

    /// <summary>Throws a typed error when a value is out of its range.</summary>
    public void Validate()
    {
        Check(Decay > 0 && Decay <= 1, nameof(Decay), Decay);
        Check(MinBucketUsd >= 0, nameof(MinBucketUsd), MinBucketUsd);
        Check(SweepReduction >= 0 && SweepReduction <= 1, nameof(SweepReduction), SweepReduction);
        Check(MinOiChangePct >= 0, nameof(MinOiChangePct), MinOiChangePct);
        Check(MinSideWeight >= 0 && MinSideWeight <= 0.5, nameof(MinSideWeight), MinSideWeight);
        Check(MaxOiReductionPerMinute >= 0 && MaxOiReductionPerMinute <= 1, nameof(MaxOiReductionPerMinute), MaxOiReductionPerMinute);
        Check(MinTierWeight >= 0 && MinTierWeight < 1, nameof(MinTierWeight), MinTierWeight);
        EntryInference.CheckBuffer(Buffer);
        if (InferenceWindow <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InferenceWindow), $"InferenceWindow {InferenceWindow} must be positive.");
        }
    }

    private static void Check(bool ok, string name, double value)
    {
        if (!ok || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, $"Entry inference option {name} = {value} is out of range.");
        }
    }
}
