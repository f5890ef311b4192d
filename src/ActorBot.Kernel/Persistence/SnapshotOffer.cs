namespace Akka.Persistence;

/// <summary>Offered to the recover handlers first when recovery found a snapshot.</summary>
public sealed class SnapshotOffer : IEquatable<SnapshotOffer>
{
    public SnapshotOffer(SnapshotMetadata metadata, object snapshot)
    {
        Metadata = metadata;
        Snapshot = snapshot;
    }

    public SnapshotMetadata Metadata { get; }

    public object Snapshot { get; }

    public bool Equals(SnapshotOffer? other) => other is not null && Metadata.Equals(other.Metadata) && Equals(Snapshot, other.Snapshot);

    public override bool Equals(object? obj) => obj is SnapshotOffer other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Metadata, Snapshot);

    public override string ToString() => $"SnapshotOffer<metadata: {Metadata}, snapshot: {Snapshot}>";
}

/// <summary>A snapshot as loaded from the store.</summary>
public sealed class SelectedSnapshot : IEquatable<SelectedSnapshot>
{
    public SelectedSnapshot(SnapshotMetadata metadata, object snapshot)
    {
        Metadata = metadata;
        Snapshot = snapshot;
    }

    public SnapshotMetadata Metadata { get; }

    public object Snapshot { get; }

    public bool Equals(SelectedSnapshot? other) => other is not null && Metadata.Equals(other.Metadata) && Equals(Snapshot, other.Snapshot);

    public override bool Equals(object? obj) => obj is SelectedSnapshot other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Metadata, Snapshot);

    public override string ToString() => $"SelectedSnapshot<meta: {Metadata}, snapshot: {Snapshot}>";
}
