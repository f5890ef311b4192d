namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// The tape's counters: events taken, their undecayed USD per side (the old running totals), buckets held, and what the
/// minutes removed. <see cref="StaleMinutes"/> counts closed minutes refused because they were not newer than the last.
/// </summary>
public sealed record TapeStats(
    long TotalEvents,
    double LongNotionalUsd,
    double ShortNotionalUsd,
    int LongBuckets,
    int ShortBuckets,
    long MinutesApplied,
    long StaleMinutes,
    long SweptBuckets,
    long DecayedBuckets,
    int OffsetSamples,
    int EventsHeld);
