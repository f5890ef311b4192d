namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// The zone engine's constants (moonstream SPEC §8.1). Defaults are the old values; they are options only so tests
/// and a later configuration layer can name them. The sweep-zone constants are the old (dead) path's values, now
/// reached from the tape sweep (see <see cref="SweepZoneRule"/>).
/// </summary>
public sealed record ZoneOptions
{
    /// <summary>A zone not reinforced for longer than this may expire, if price is also far away.</summary>
    public double MaxAgeMinutes { get; init; } = 240;

    /// <summary>Each closed minute multiplies every zone weight by this.</summary>
    public double DecayPerMinute { get; init; } = 0.995;

    /// <summary>A zone whose weight falls below this at a decay step expires.</summary>
    public double MinWeight { get; init; } = 0.05;

    /// <summary>No zone weighs more than this: on creation (SPEC §13 #9), reinforcement, merge and load.</summary>
    public double MaxWeight { get; init; } = 5.0;

    /// <summary>A reinforcement adds this share of its adjusted weight.</summary>
    public double ReinforcementFactor { get; init; } = 0.3;

    /// <summary>Neighbouring zones of a side whose prices differ by at most this fraction of their mid merge.</summary>
    public decimal ClusterDistancePct { get; init; } = 0.0005m;

    /// <summary>An old zone expires only if price is more than this fraction away from it.</summary>
    public double ExpirationPriceDistancePct { get; init; } = 0.02;

    /// <summary>Zone weight per USD of notional: tape and inference weights are notional / 100,000.</summary>
    public double WeightPerUsd { get; init; } = 1e-5;

    /// <summary>The leverage filter keeps a zone only if its tiers in range contributed at least this much.</summary>
    public double MinLeverageContribution { get; init; } = 0.01;

    /// <summary>A swept tape bucket makes a sweep zone only if its notional as a zone weight reaches this.</summary>
    public double SweepZoneMinWeight { get; init; } = 0.5;

    /// <summary>A sweep zone's weight is the swept bucket's weight times this (before the confidence).</summary>
    public double SweepZoneFactor { get; init; } = 0.3;

    /// <summary>The confidence a sweep zone is created with.</summary>
    public double SweepZoneConfidence { get; init; } = 0.5;

    internal void Validate()
    {
        Check(DecayPerMinute > 0 && DecayPerMinute <= 1, nameof(DecayPerMinute), DecayPerMinute);
        Check(MinWeight >= 0 && MinWeight < MaxWeight, nameof(MinWeight), MinWeight);
        Check(MaxWeight > 0 && double.IsFinite(MaxWeight), nameof(MaxWeight), MaxWeight);
        Check(MaxAgeMinutes > 0 && double.IsFinite(MaxAgeMinutes), nameof(MaxAgeMinutes), MaxAgeMinutes);
        Check(ReinforcementFactor >= 0 && double.IsFinite(ReinforcementFactor), nameof(ReinforcementFactor), ReinforcementFactor);
        Check(ClusterDistancePct >= 0, nameof(ClusterDistancePct), (double)ClusterDistancePct);
        Check(ExpirationPriceDistancePct >= 0 && double.IsFinite(ExpirationPriceDistancePct), nameof(ExpirationPriceDistancePct), ExpirationPriceDistancePct);
        Check(WeightPerUsd > 0 && double.IsFinite(WeightPerUsd), nameof(WeightPerUsd), WeightPerUsd);
        Check(SweepZoneFactor >= 0 && SweepZoneConfidence is >= 0 and <= 1, nameof(SweepZoneFactor), SweepZoneFactor);
    }

    private static void Check(bool ok, string name, double value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"Zone option {name} = {value} is out of range.");
        }
    }
}
