namespace ActorBot.Domain.OrderBook;

/// <summary>
/// Counters of one synchroniser. <see cref="Applied"/> counts diff events, <see cref="LevelsApplied"/>
/// the level updates inside them, <see cref="Dropped"/> stale or overflowing diffs,
/// <see cref="Gaps"/> sequence breaks, <see cref="Resyncs"/> new snapshots requested after a break.
/// </summary>
public readonly record struct BookSyncCounters(
    long Applied,
    long LevelsApplied,
    long Dropped,
    long Gaps,
    long Resyncs,
    long Snapshots);
