using Akka.Actor;

namespace Akka.Persistence;

/// <summary>Snapshots: save, delete; replies arrive as messages to the actor.</summary>
public abstract partial class Eventsourced
{
    public void DeleteSnapshot(long sequenceNr)
    {
        var metadata = new SnapshotMetadata(PersistenceId, sequenceNr, DateTime.MinValue);
        Reply(SnapshotStorage.DeleteAsync(metadata), () => new DeleteSnapshotSuccess(metadata), e => new DeleteSnapshotFailure(metadata, e));
    }

    public void DeleteSnapshots(SnapshotSelectionCriteria criteria) =>
        Reply(SnapshotStorage.DeleteAsync(PersistenceId, criteria), () => new DeleteSnapshotsSuccess(criteria), e => new DeleteSnapshotsFailure(criteria, e));

    /// <summary>Saves <paramref name="snapshot"/> as of <see cref="SnapshotSequenceNr"/>; replies <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    public void SaveSnapshot(object snapshot)
    {
        var metadata = new SnapshotMetadata(PersistenceId, SnapshotSequenceNr, DateTime.UtcNow);
        Task save;
        try
        {
            save = SnapshotStorage.SaveAsync(metadata, snapshot);
        }
        catch (Exception synchronous)
        {
            save = Task.FromException(synchronous);
        }

        Reply(save, () => new SaveSnapshotSuccess(metadata), e => new SaveSnapshotFailure(metadata, e));
    }

    private void Reply(Task task, Func<object> success, Func<Exception, object> failure)
    {
        var self = Self;
        task.ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? success() : failure(Unwrap(t)), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
