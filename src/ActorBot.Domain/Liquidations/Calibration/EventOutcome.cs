namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>What the calibrator did with one liquidation; every kind is counted, none is silent.</summary>
public enum EventOutcomeKind
{
    /// <summary>Attributed against a minute snapshot at or before the event's minute.</summary>
    Attributed,

    /// <summary>No minute snapshot at or before the event's minute is held: counted in <c>dropped_no_snapshot</c>.</summary>
    DroppedNoSnapshot,

    /// <summary>Not this calibrator's symbol, or a price or quantity that is not positive and finite.</summary>
    Rejected,
}

/// <summary>Distance band of an event from its reference price (SPEC §6.4 step 2).</summary>
public enum DistanceBand
{
    Near,
    Mid,
    Far,
}

/// <summary>One tier's share of an event: responsibility, the entry price the tier implies, and that entry's distance
/// from the prices traded in the lookback (share of the reference price; 0 when it traded).</summary>
public sealed record TierResponsibility(int Tier, double Responsibility, double ImpliedEntry, double EntryDistancePct);

/// <summary>
/// The calibrator's verdict on one liquidation, for the caller to log (the old <c>event</c> / <c>event_rejected</c>
/// records, SPEC §6.9). Fields past <see cref="Detail"/> are set only for <see cref="EventOutcomeKind.Attributed"/>.
/// </summary>
public sealed record EventOutcome(
    EventOutcomeKind Kind,
    string? Detail,
    long EventMinuteMs,
    long? SnapshotMinuteMs = null,
    double ReferencePrice = 0,
    string ReferenceSource = "",
    double DistPct = 0,
    DistanceBand Band = DistanceBand.Far,
    bool PriceInsane = false,
    bool UpdatesCalibration = false,
    bool IsHit = false,
    double? HitStrength = null,
    double? MissDistanceBuckets = null,
    int? AttributedTier = null,
    bool TierDisabled = false,
    double MissPct = 0,
    IReadOnlyList<TierResponsibility>? Responsibilities = null);
