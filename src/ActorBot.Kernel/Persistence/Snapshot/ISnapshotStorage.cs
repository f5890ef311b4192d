namespace Akka.Persistence.Snapshot;

/// <summary>
/// The snapshot store a persistent actor talks to (Akka.NET's <c>SnapshotStore</c> contract without the actor),
/// selected by <c>akka.persistence.snapshot-store.plugin</c>.
/// </summary>
internal interface ISnapshotStorage
{
    /// <summary>The newest snapshot matching <paramref name="criteria"/>, or null.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria);

    Task SaveAsync(SnapshotMetadata metadata, object snapshot);

    Task DeleteAsync(SnapshotMetadata metadata);

    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria);
}
