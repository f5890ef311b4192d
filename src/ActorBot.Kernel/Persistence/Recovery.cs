namespace Akka.Persistence;

/// <summary>
/// How a persistent actor recovers: from the newest snapshot matching <see cref="FromSnapshot"/>, then events up to
/// <see cref="ToSequenceNr"/>, at most <see cref="ReplayMax"/> of them.
/// </summary>
public sealed class Recovery
{
    public Recovery()
        : this(SnapshotSelectionCriteria.Latest)
    {
    }

    public Recovery(SnapshotSelectionCriteria fromSnapshot)
        : this(fromSnapshot, long.MaxValue)
    {
    }

    public Recovery(SnapshotSelectionCriteria fromSnapshot, long toSequenceNr)
        : this(fromSnapshot, toSequenceNr, long.MaxValue)
    {
    }

    public Recovery(SnapshotSelectionCriteria? fromSnapshot = null, long toSequenceNr = long.MaxValue, long replayMax = long.MaxValue)
    {
        FromSnapshot = fromSnapshot ?? SnapshotSelectionCriteria.Latest;
        ToSequenceNr = toSequenceNr;
        ReplayMax = replayMax;
    }

    /// <summary>Newest snapshot, then every newer event.</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    public SnapshotSelectionCriteria FromSnapshot { get; }

    /// <summary>Skip recovery: no snapshot, no events (the sequence number still starts after the highest stored).</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.Latest, 0);

    public long ReplayMax { get; }

    public long ToSequenceNr { get; }
}

/// <summary>Delivered to the recover handlers once recovery finished, always, even when nothing was stored.</summary>
public sealed class RecoveryCompleted
{
    public static readonly RecoveryCompleted Instance = new();

    private RecoveryCompleted()
    {
    }

    public override bool Equals(object? obj) => obj is RecoveryCompleted;

    public override int GetHashCode() => nameof(RecoveryCompleted).GetHashCode(StringComparison.Ordinal);
}
