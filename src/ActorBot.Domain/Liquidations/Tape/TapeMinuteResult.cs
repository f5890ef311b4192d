namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// What one closed minute did to the tape: buckets dropped because decay took them under the floor, buckets swept by the
/// minute's range, and the bucket counts left (the old <c>cycle_summary</c>'s <c>tape_long_buckets</c>/<c>tape_short_buckets</c>).
/// <see cref="Applied"/> is false when the minute was not newer than the last one applied (nothing changed).
/// </summary>
public sealed record TapeMinuteResult(
    long MinuteMs,
    bool Applied,
    IReadOnlyList<TapeBucket> Decayed,
    IReadOnlyList<SweptBucket> Swept,
    int LongBuckets,
    int ShortBuckets);
