namespace ActorBot.Persistence.Sql.Snapshot;

/// <summary>One row of the <c>snapshot</c> table; <see cref="Created"/> is <c>SnapshotMetadata.Timestamp.Ticks</c> (UTC).</summary>
public sealed record SnapshotRow(
    string PersistenceId,
    long SequenceNr,
    long Created,
    string Manifest,
    byte[] Snapshot,
    int? SerializerId);

/// <summary>Which snapshots a load or delete considers (bounds inclusive), as Akka's SnapshotSelectionCriteria.</summary>
public sealed record SnapshotRange(long MaxSequenceNr, long MaxCreatedTicks, long MinSequenceNr = 0, long MinCreatedTicks = 0)
{
    public static SnapshotRange Latest { get; } = new(long.MaxValue, long.MaxValue);
}
