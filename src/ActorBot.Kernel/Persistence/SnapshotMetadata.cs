namespace Akka.Persistence;

/// <summary>Where a snapshot belongs: persistence id, the sequence number it covers, when it was taken (UTC).</summary>
public sealed class SnapshotMetadata : IEquatable<SnapshotMetadata>
{
    public SnapshotMetadata(string persistenceId, long sequenceNr, DateTime timestamp)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Timestamp = timestamp;
    }

    /// <summary>Orders by persistence id, then sequence number, then timestamp.</summary>
    public static IComparer<SnapshotMetadata> Comparer { get; } = Comparer<SnapshotMetadata>.Create(static (x, y) =>
    {
        var byId = string.CompareOrdinal(x.PersistenceId, y.PersistenceId);
        if (byId != 0)
        {
            return byId;
        }

        var bySeq = x.SequenceNr.CompareTo(y.SequenceNr);
        return bySeq != 0 ? bySeq : x.Timestamp.CompareTo(y.Timestamp);
    });

    public string PersistenceId { get; }

    public long SequenceNr { get; }

    public DateTime Timestamp { get; }

    public override bool Equals(object? obj) => obj is SnapshotMetadata other && Equals(other);

    public bool Equals(SnapshotMetadata? other) =>
        other is not null && PersistenceId == other.PersistenceId && SequenceNr == other.SequenceNr && Timestamp == other.Timestamp;

    public override int GetHashCode() => HashCode.Combine(PersistenceId, SequenceNr, Timestamp);

    public override string ToString() => $"SnapshotMetadata<pid: {PersistenceId}, seqNr: {SequenceNr}, timestamp: {Timestamp:yyyy/MM/dd HH:mm:ss.fff}>";
}
