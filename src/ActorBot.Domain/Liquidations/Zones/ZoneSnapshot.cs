namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// A symbol's whole zone book as a persistent actor stores it (SPEC §8.5, made an Akka.Persistence snapshot): every
/// zone at full precision, the lifetime counters, and the last minute the maintenance applied, which the catch-up decay
/// on load counts the downtime from (SPEC §13 #24). <see cref="Step"/> guards against loading ticks into another grid.
/// </summary>
/// <param name="Version">The snapshot layout; <see cref="CurrentVersion"/> for everything written now.</param>
/// <param name="SavedAtMs">When the snapshot was taken (epoch ms).</param>
/// <param name="LastMinuteMs">The last minute (start, epoch ms) whose maintenance ran; null when none did (a fresh book
/// or an imported old file), in which case the minute completed at <see cref="SavedAtMs"/> is assumed.</param>
public sealed record ZoneSnapshot(
    int Version,
    string Symbol,
    decimal Step,
    long SavedAtMs,
    long? LastMinuteMs,
    ZoneCounters Counters,
    IReadOnlyList<ZoneRecord> Zones)
{
    public const int CurrentVersion = 1;
}

/// <summary>One zone, every field at full precision (weight as a double, times in epoch ms, tier sums uncapped).</summary>
public sealed record ZoneRecord(
    LiquidationSide Side,
    long Tick,
    double Weight,
    long CreatedAtMs,
    long LastReinforcedAtMs,
    int ReinforcementCount,
    ZoneSource Source,
    IReadOnlyList<TierContribution> TierContributions);

/// <summary>The lifetime counters of a zone book (the summary's <c>zones_*_total</c>), persisted with it.</summary>
public sealed record ZoneCounters(long Created, long Reinforced, long Swept, long Expired, long Merged)
{
    public static readonly ZoneCounters Zero = new(0, 0, 0, 0, 0);
}

/// <summary>Why a snapshot was not loaded (the book is left as it was).</summary>
public enum ZoneLoadError
{
    /// <summary>The snapshot is another symbol's (the old loader ignored such a file too).</summary>
    SymbolMismatch,

    /// <summary>The snapshot's ticks are on another bucket step.</summary>
    StepMismatch,

    /// <summary>The snapshot layout is newer or unknown.</summary>
    UnsupportedVersion,
}

/// <summary>
/// What loading a snapshot did: how many zones it held and kept, the whole minutes of downtime decayed
/// (weight × decay^minutes), how many weights were cut to the cap (old files hold zones of 20), how many records were
/// invalid or duplicated and skipped, and the zones the catch-up expired, as events for the zone log.
/// </summary>
public sealed record ZoneLoadResult(
    ZoneLoadError? Error,
    int ZonesInSnapshot,
    int ZonesKept,
    long MinutesCaughtUp,
    int Capped,
    int Skipped,
    IReadOnlyList<ZoneExpired> Expired)
{
    public bool Loaded => Error is null;
}
