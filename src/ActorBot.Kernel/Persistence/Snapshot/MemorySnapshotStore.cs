namespace Akka.Persistence.Snapshot;

/// <summary><c>akka.persistence.snapshot-store.inmem</c>: the default snapshot store, for tests.</summary>
internal sealed class MemorySnapshotStore : ISnapshotStorage
{
    private readonly object _gate = new();
    private readonly List<SelectedSnapshot> _snapshots = [];

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        lock (_gate)
        {
            return Task.FromResult(_snapshots
                .Where(s => s.Metadata.PersistenceId == persistenceId && criteria.IsMatch(s.Metadata))
                .MaxBy(s => s.Metadata.SequenceNr));
        }
    }

    public Task SaveAsync(SnapshotMetadata metadata, object snapshot)
    {
        lock (_gate)
        {
            _snapshots.RemoveAll(s => s.Metadata.PersistenceId == metadata.PersistenceId && s.Metadata.SequenceNr == metadata.SequenceNr);
            _snapshots.Add(new SelectedSnapshot(metadata, snapshot));
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(SnapshotMetadata metadata)
    {
        lock (_gate)
        {
            _snapshots.RemoveAll(s => s.Metadata.PersistenceId == metadata.PersistenceId && s.Metadata.SequenceNr == metadata.SequenceNr);
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        lock (_gate)
        {
            _snapshots.RemoveAll(s => s.Metadata.PersistenceId == persistenceId && criteria.IsMatch(s.Metadata));
        }

        return Task.CompletedTask;
    }
}
