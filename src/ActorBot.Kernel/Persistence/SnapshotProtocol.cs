namespace Akka.Persistence;

/// <summary>Reply to <c>SaveSnapshot</c>: the snapshot is stored.</summary>
public sealed class SaveSnapshotSuccess : ISnapshotResponse, IEquatable<SaveSnapshotSuccess>
{
    public SaveSnapshotSuccess(SnapshotMetadata metadata)
    {
        Metadata = metadata;
    }

    public SnapshotMetadata Metadata { get; }

    public bool Equals(SaveSnapshotSuccess? other) => other is not null && Metadata.Equals(other.Metadata);

    public override bool Equals(object? obj) => obj is SaveSnapshotSuccess other && Equals(other);

    public override int GetHashCode() => Metadata.GetHashCode();

    public override string ToString() => $"SaveSnapshotSuccess<{Metadata}>";
}

/// <summary>Reply to <c>SaveSnapshot</c>: the snapshot was not stored.</summary>
public sealed class SaveSnapshotFailure : ISnapshotResponse, IEquatable<SaveSnapshotFailure>
{
    public SaveSnapshotFailure(SnapshotMetadata metadata, Exception cause)
    {
        Metadata = metadata;
        Cause = cause;
    }

    public Exception Cause { get; }

    public SnapshotMetadata Metadata { get; }

    public bool Equals(SaveSnapshotFailure? other) => other is not null && Metadata.Equals(other.Metadata) && Equals(Cause, other.Cause);

    public override bool Equals(object? obj) => obj is SaveSnapshotFailure other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Metadata, Cause);

    public override string ToString() => $"SaveSnapshotFailure<meta: {Metadata}, cause: {Cause}>";
}

/// <summary>Reply to <c>DeleteSnapshot</c>.</summary>
public sealed class DeleteSnapshotSuccess : ISnapshotResponse, IEquatable<DeleteSnapshotSuccess>
{
    public DeleteSnapshotSuccess(SnapshotMetadata metadata)
    {
        Metadata = metadata;
    }

    public SnapshotMetadata Metadata { get; }

    public bool Equals(DeleteSnapshotSuccess? other) => other is not null && Metadata.Equals(other.Metadata);

    public override bool Equals(object? obj) => obj is DeleteSnapshotSuccess other && Equals(other);

    public override int GetHashCode() => Metadata.GetHashCode();

    public override string ToString() => $"DeleteSnapshotSuccess<{Metadata}>";
}

/// <summary>Reply to <c>DeleteSnapshot</c> when it failed.</summary>
public sealed class DeleteSnapshotFailure : ISnapshotResponse, IEquatable<DeleteSnapshotFailure>
{
    public DeleteSnapshotFailure(SnapshotMetadata metadata, Exception cause)
    {
        Metadata = metadata;
        Cause = cause;
    }

    public Exception Cause { get; }

    public SnapshotMetadata Metadata { get; }

    public bool Equals(DeleteSnapshotFailure? other) => other is not null && Metadata.Equals(other.Metadata) && Equals(Cause, other.Cause);

    public override bool Equals(object? obj) => obj is DeleteSnapshotFailure other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Metadata, Cause);

    public override string ToString() => $"DeleteSnapshotFailure<meta: {Metadata}, cause: {Cause}>";
}

/// <summary>Reply to <c>DeleteSnapshots</c>.</summary>
public sealed class DeleteSnapshotsSuccess : ISnapshotResponse, IEquatable<DeleteSnapshotsSuccess>
{
    public DeleteSnapshotsSuccess(SnapshotSelectionCriteria criteria)
    {
        Criteria = criteria;
    }

    public SnapshotSelectionCriteria Criteria { get; }

    public bool Equals(DeleteSnapshotsSuccess? other) => other is not null && Criteria.Equals(other.Criteria);

    public override bool Equals(object? obj) => obj is DeleteSnapshotsSuccess other && Equals(other);

    public override int GetHashCode() => Criteria.GetHashCode();

    public override string ToString() => $"DeleteSnapshotsSuccess<{Criteria}>";
}

/// <summary>Reply to <c>DeleteSnapshots</c> when it failed.</summary>
public sealed class DeleteSnapshotsFailure : ISnapshotResponse, IEquatable<DeleteSnapshotsFailure>
{
    public DeleteSnapshotsFailure(SnapshotSelectionCriteria criteria, Exception cause)
    {
        Criteria = criteria;
        Cause = cause;
    }

    public Exception Cause { get; }

    public SnapshotSelectionCriteria Criteria { get; }

    public bool Equals(DeleteSnapshotsFailure? other) => other is not null && Criteria.Equals(other.Criteria) && Equals(Cause, other.Cause);

    public override bool Equals(object? obj) => obj is DeleteSnapshotsFailure other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Criteria, Cause);

    public override string ToString() => $"DeleteSnapshotsFailure<criteria: {Criteria}, cause: {Cause}>";
}
