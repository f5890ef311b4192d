namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// The tape's constants (moonstream SPEC §3). Defaults are the old runtime values; they are options only so tests
/// and a later configuration layer can name them, not because the engine needs tuning.
/// </summary>
public sealed record TapeOptions
{
    /// <summary>Each closed minute multiplies every bucket's notional by this (SPEC §3: 0.995 at runtime).</summary>
    public double DecayPerMinute { get; init; } = 0.995;

    /// <summary>A bucket whose decayed notional falls below this many USD is deleted.</summary>
    public double MinBucketUsd { get; init; } = 100.0;

    /// <summary>Raw events kept for inspection (SPEC §3: a deque of 7200).</summary>
    public int EventCapacity { get; init; } = 7200;

    /// <summary>Offset samples kept per leverage tier (SPEC §3: 500).</summary>
    public int OffsetSamplesPerTier { get; init; } = 500;

    /// <summary>Maintenance buffer subtracted from an observed entry→liquidation move before it implies a leverage.</summary>
    public double Buffer { get; init; } = 0.002;

    internal void Validate()
    {
        if (!(DecayPerMinute > 0 && DecayPerMinute <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DecayPerMinute), $"Decay {DecayPerMinute} must be in (0, 1].");
        }

        if (!(MinBucketUsd >= 0) || !double.IsFinite(MinBucketUsd))
        {
            throw new ArgumentOutOfRangeException(nameof(MinBucketUsd), $"Minimum bucket {MinBucketUsd} must be a finite non-negative number.");
        }

        if (EventCapacity <= 0 || OffsetSamplesPerTier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EventCapacity), "Ring capacities must be positive.");
        }

        if (!(Buffer >= 0 && Buffer < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Buffer), $"Buffer {Buffer} must be in [0, 1).");
        }
    }
}
