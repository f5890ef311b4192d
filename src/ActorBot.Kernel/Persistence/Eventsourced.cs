using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Journal;
using Akka.Persistence.Snapshot;

namespace Akka.Persistence;

/// <summary>
/// An actor whose state is rebuilt from its journal (Akka.Persistence semantics). On start and on every restart it
/// recovers: newest eligible snapshot (<see cref="SnapshotOffer"/>), then newer events in order, then
/// <see cref="RecoveryCompleted"/>; commands arriving meanwhile are stashed internally. <c>Persist</c> writes
/// asynchronously and stashes further commands until its handler ran; <c>PersistAsync</c> does not stash.
/// A write failure calls <see cref="OnPersistFailure"/> and stops the actor (the outcome is unknown); a rejected
/// write (e.g. not serializable) calls <see cref="OnPersistRejected"/> and the actor continues.
/// </summary>
public abstract partial class Eventsourced : ActorBase, IWithUnboundedStash, IPersistenceRecovery, IPersistentIdentity
{
    private static long s_instances;

    // Each incarnation has its own id: results of an earlier incarnation's writes or recovery are dropped.
    private readonly long _instanceId = Interlocked.Increment(ref s_instances);
    private readonly string _writerGuid = Guid.NewGuid().ToString("N");
    private readonly Queue<Envelope> _internalStash = new();
    private readonly List<PendingWrite> _batch = [];
    private Task _deliveryChain = Task.CompletedTask;
    private PersistencePlugins? _plugins;
    private IEventJournal? _journal;
    private ISnapshotStorage? _snapshotStore;
    private bool _recovering = true;
    private bool _stopping;
    private int _pendingStashingWrites;
    private int _pendingWrites;
    private long _sequenceNr;

    protected Eventsourced()
    {
    }

    public bool IsRecovering => _recovering;

    public bool IsRecoveryFinished => !_recovering;

    public string JournalPluginId { get; set; } = string.Empty;

    /// <summary>Sequence number of the last event persisted (or replayed).</summary>
    public long LastSequenceNr { get; private set; }

    public abstract string PersistenceId { get; }

    public virtual Recovery Recovery => Recovery.Default;

    public string SnapshotPluginId { get; set; } = string.Empty;

    /// <summary>The sequence number a snapshot taken now covers.</summary>
    public long SnapshotSequenceNr => LastSequenceNr;

    /// <summary>The user stash (the runtime injects it); independent of the internal stash used while persisting.</summary>
    public IStash Stash { get; set; } = null!;

    public override void AroundPostRestart(Exception reason, object message)
    {
        StartRecovery();
        base.AroundPostRestart(reason, message);
    }

    public override void AroundPostStop()
    {
        _stopping = true;
        base.AroundPostStop();
    }

    public override void AroundPreRestart(Exception cause, object message)
    {
        // Commands held back by this incarnation go back to the mailbox for the next one.
        _stopping = true;
        UnstashInternally(all: true);
        base.AroundPreRestart(cause, message);
    }

    public override void AroundPreStart()
    {
        StartRecovery();
        base.AroundPreStart();
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is EventsourcedSignal signal)
        {
            if (signal.InstanceId == _instanceId && !_stopping)
            {
                HandleSignal(signal);
            }

            return true;
        }

        if (_recovering || _pendingStashingWrites > 0)
        {
            _internalStash.Enqueue(CurrentEnvelope);
            return true;
        }

        bool handled;
        try
        {
            handled = base.AroundReceive(receive, message);
        }
        catch
        {
            // The command failed: what it asked to persist is dropped with it.
            _batch.Clear();
            UnstashInternally(all: true);
            throw;
        }

        FlushBatch();
        if (_pendingStashingWrites == 0)
        {
            UnstashInternally(all: false);
        }

        return handled;
    }

    /// <summary>Handles replies the user did not: recovery completion is optional, failures are logged.</summary>
    protected override void Unhandled(object message)
    {
        switch (message)
        {
            case RecoveryCompleted:
                break;
            case SaveSnapshotFailure failure:
                Context.System.Log.Warning(failure.Cause, $"Failed to save snapshot {failure.Metadata} of {PersistenceId}");
                break;
            case DeleteSnapshotFailure failure:
                Context.System.Log.Warning(failure.Cause, $"Failed to delete snapshot {failure.Metadata} of {PersistenceId}");
                break;
            case DeleteSnapshotsFailure failure:
                Context.System.Log.Warning(failure.Cause, $"Failed to delete snapshots {failure.Criteria} of {PersistenceId}");
                break;
            case DeleteMessagesFailure failure:
                Context.System.Log.Warning(failure.Cause, $"Failed to delete messages up to {failure.ToSequenceNr} of {PersistenceId}");
                break;
            default:
                base.Unhandled(message);
                break;
        }
    }

    /// <summary>Called when a write failed (outcome unknown); the actor is stopped right after.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Context.System.Log.Error(cause, $"Failed to persist event type [{@event.GetType()}] with sequence number [{sequenceNr}] for persistenceId [{PersistenceId}].");
    }

    /// <summary>Called when the journal rejected a write before attempting it; the actor continues.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Context.System.Log.Error(cause, $"Rejected to persist event type [{@event.GetType()}] with sequence number [{sequenceNr}] for persistenceId [{PersistenceId}] due to [{cause.Message}].");
    }

    /// <summary>Called when recovery failed (store unreachable, unreadable event, failing recover handler); the actor is stopped.</summary>
    protected virtual void OnRecoveryFailure(Exception reason, object? message = null)
    {
        var suffix = message is null ? string.Empty : $" while replaying event type [{message.GetType()}]";
        Context.System.Log.Error(reason, $"Persistence failure when replaying events for persistenceId [{PersistenceId}]{suffix}.");
    }

    protected abstract bool ReceiveCommand(object message);

    protected abstract bool ReceiveRecover(object message);

    private PersistencePlugins Plugins => _plugins ??= PersistencePlugins.For(Context.System);

    private IEventJournal JournalStore => _journal ??= Plugins.Journal(JournalPluginId);

    private ISnapshotStorage SnapshotStorage => _snapshotStore ??= Plugins.SnapshotStore(SnapshotPluginId);
}
