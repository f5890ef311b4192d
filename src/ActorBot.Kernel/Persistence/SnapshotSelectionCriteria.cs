namespace Akka.Persistence;

/// <summary>Which snapshots a load or delete considers; every bound is inclusive.</summary>
public sealed class SnapshotSelectionCriteria : IEquatable<SnapshotSelectionCriteria>
{
    public SnapshotSelectionCriteria(long maxSequenceNr, DateTime maxTimeStamp, long minSequenceNr = 0, DateTime? minTimestamp = null)
    {
        MaxSequenceNr = maxSequenceNr;
        MaxTimeStamp = maxTimeStamp;
        MinSequenceNr = minSequenceNr;
        MinTimestamp = minTimestamp;
    }

    public SnapshotSelectionCriteria(long maxSequenceNr)
        : this(maxSequenceNr, DateTime.MaxValue)
    {
    }

    /// <summary>The newest snapshot.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTime.MaxValue);

    public long MaxSequenceNr { get; }

    public DateTime MaxTimeStamp { get; }

    public long MinSequenceNr { get; }

    public DateTime? MinTimestamp { get; }

    /// <summary>No snapshot: recovery replays every event.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0L, DateTime.MinValue);

    public bool Equals(SnapshotSelectionCriteria? other) =>
        other is not null && MaxSequenceNr == other.MaxSequenceNr && MaxTimeStamp == other.MaxTimeStamp
        && MinSequenceNr == other.MinSequenceNr && MinTimestamp == other.MinTimestamp;

    public override bool Equals(object? obj) => obj is SnapshotSelectionCriteria other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(MaxSequenceNr, MaxTimeStamp, MinSequenceNr, MinTimestamp);

    public override string ToString() =>
        $"SnapshotSelectionCriteria<maxSeqNr: {MaxSequenceNr}, maxTimestamp: {MaxTimeStamp:yyyy/MM/dd HH:mm:ss.fff}, minSeqNr: {MinSequenceNr}, minTimestamp: {MinTimestamp:yyyy/MM/dd HH:mm:ss.fff}>";

    /// <summary>Narrows the upper sequence bound (recovery never loads a snapshot past <c>Recovery.ToSequenceNr</c>).</summary>
    internal SnapshotSelectionCriteria Limit(long toSequenceNr) =>
        toSequenceNr < MaxSequenceNr ? new SnapshotSelectionCriteria(toSequenceNr, MaxTimeStamp, MinSequenceNr, MinTimestamp) : this;

    internal bool IsMatch(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.Timestamp <= MaxTimeStamp
        && metadata.SequenceNr >= MinSequenceNr && (MinTimestamp is null || metadata.Timestamp >= MinTimestamp);
}
