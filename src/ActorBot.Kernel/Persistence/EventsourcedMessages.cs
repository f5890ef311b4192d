using Akka.Persistence.Journal;

namespace Akka.Persistence;

/// <summary>Messages an <see cref="Eventsourced"/> actor sends itself; each carries the incarnation it belongs to.</summary>
internal abstract class EventsourcedSignal(long instanceId)
{
    public long InstanceId { get; } = instanceId;
}

/// <summary>Recovery found this snapshot (null: none).</summary>
internal sealed class RecoverySnapshotLoaded(long instanceId, SelectedSnapshot? snapshot) : EventsourcedSignal(instanceId)
{
    public SelectedSnapshot? Snapshot { get; } = snapshot;
}

/// <summary>A chunk of replayed events, in sequence order.</summary>
internal sealed class RecoveryEventsReplayed(long instanceId, List<PersistentEvent> events) : EventsourcedSignal(instanceId)
{
    public List<PersistentEvent> Events { get; } = events;
}

/// <summary>Replay finished; <see cref="HighestSequenceNr"/> is the journal's highest for the id.</summary>
internal sealed class RecoveryFinished(long instanceId, long highestSequenceNr) : EventsourcedSignal(instanceId)
{
    public long HighestSequenceNr { get; } = highestSequenceNr;
}

/// <summary>Loading the snapshot or replaying failed.</summary>
internal sealed class RecoveryFailed(long instanceId, Exception cause) : EventsourcedSignal(instanceId)
{
    public Exception Cause { get; } = cause;
}

/// <summary>One atomic write (or deferral) settled; delivered in submission order with the command's sender.</summary>
internal sealed class WriteSettled(long instanceId, PendingWrite write, Exception? error) : EventsourcedSignal(instanceId)
{
    public PendingWrite Write { get; } = write;

    public Exception? Error { get; } = error;
}

/// <summary>A Persist/PersistAll/PersistAsync/DeferAsync call waiting for its write: events, handler, stashing or not.</summary>
internal sealed class PendingWrite(IReadOnlyList<PersistentEvent> events, IReadOnlyList<object> deferred, Action<object> handler, bool stashing, Akka.Actor.IActorRef sender)
{
    /// <summary>Events to write atomically; empty for DeferAsync.</summary>
    public IReadOnlyList<PersistentEvent> Events { get; } = events;

    /// <summary>For DeferAsync: the values handed to the handler without being written.</summary>
    public IReadOnlyList<object> Deferred { get; } = deferred;

    public Action<object> Handler { get; } = handler;

    /// <summary>True for Persist/PersistAll: commands are stashed until the handler ran.</summary>
    public bool Stashing { get; } = stashing;

    public Akka.Actor.IActorRef Sender { get; } = sender;
}
