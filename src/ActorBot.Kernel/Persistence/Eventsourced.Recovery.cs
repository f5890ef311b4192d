using Akka.Actor;
using Akka.Persistence.Journal;

namespace Akka.Persistence;

/// <summary>Recovery: load the snapshot and replay off the actor's thread, apply everything on it, in order.</summary>
public abstract partial class Eventsourced
{
    private const int ReplayChunkSize = 1000;

    private void StartRecovery()
    {
        _recovering = true;
        var journal = JournalStore;
        var snapshots = SnapshotStorage;
        var recovery = Recovery;
        var persistenceId = PersistenceId;
        var self = Self;
        var instanceId = _instanceId;
        var timeout = Plugins.RecoveryEventTimeout;
        _ = Task.Run(async () =>
        {
            try
            {
                var criteria = recovery.FromSnapshot.Limit(recovery.ToSequenceNr);
                SelectedSnapshot? snapshot = null;
                if (criteria.MaxSequenceNr > 0 && criteria.MaxTimeStamp > DateTime.MinValue)
                {
                    snapshot = await snapshots.LoadAsync(persistenceId, criteria).WaitAsync(timeout).ConfigureAwait(false);
                }

                self.Tell(new RecoverySnapshotLoaded(instanceId, snapshot), ActorRefs.NoSender);
                var from = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
                var chunk = new List<PersistentEvent>(ReplayChunkSize);
                await journal.ReplayAsync(persistenceId, from, recovery.ToSequenceNr, recovery.ReplayMax, e =>
                {
                    chunk.Add(e);
                    if (chunk.Count == ReplayChunkSize)
                    {
                        self.Tell(new RecoveryEventsReplayed(instanceId, chunk), ActorRefs.NoSender);
                        chunk = new List<PersistentEvent>(ReplayChunkSize);
                    }
                }).ConfigureAwait(false);
                if (chunk.Count > 0)
                {
                    self.Tell(new RecoveryEventsReplayed(instanceId, chunk), ActorRefs.NoSender);
                }

                var highest = await journal.ReadHighestSequenceNrAsync(persistenceId).WaitAsync(timeout).ConfigureAwait(false);
                self.Tell(new RecoveryFinished(instanceId, Math.Max(highest, snapshot?.Metadata.SequenceNr ?? 0)), ActorRefs.NoSender);
            }
            catch (TimeoutException timedOut)
            {
                self.Tell(new RecoveryFailed(instanceId, new RecoveryTimedOutException($"Recovery of {persistenceId} timed out after {timeout}", timedOut)), ActorRefs.NoSender);
            }
            catch (Exception cause)
            {
                self.Tell(new RecoveryFailed(instanceId, cause), ActorRefs.NoSender);
            }
        });
    }

    private void HandleRecoverySignal(EventsourcedSignal signal)
    {
        object? current = null;
        try
        {
            switch (signal)
            {
                case RecoverySnapshotLoaded { Snapshot: { } snapshot }:
                    LastSequenceNr = snapshot.Metadata.SequenceNr;
                    current = snapshot.Snapshot;
                    ReceiveRecoverOrUnhandled(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot));
                    break;
                case RecoveryEventsReplayed replayed:
                    foreach (var e in replayed.Events)
                    {
                        LastSequenceNr = e.SequenceNr;
                        current = e.Payload;
                        ReceiveRecoverOrUnhandled(e.Payload);
                    }

                    break;
                case RecoveryFinished finished:
                    current = null;
                    _sequenceNr = Math.Max(finished.HighestSequenceNr, LastSequenceNr);
                    LastSequenceNr = _sequenceNr;
                    _recovering = false;
                    ReceiveRecoverOrUnhandled(RecoveryCompleted.Instance);
                    FlushBatch();
                    if (_pendingStashingWrites == 0)
                    {
                        UnstashInternally(all: true);
                    }

                    break;
                case RecoveryFailed failed:
                    FailRecovery(failed.Cause, null);
                    break;
            }
        }
        catch (Exception cause)
        {
            FailRecovery(cause, current);
        }
    }

    private void ReceiveRecoverOrUnhandled(object message)
    {
        if (!ReceiveRecover(message))
        {
            Unhandled(message);
        }
    }

    private void FailRecovery(Exception cause, object? message)
    {
        _stopping = true;
        try
        {
            OnRecoveryFailure(cause, message);
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    /// <summary>
    /// Puts held-back commands back at the head of the mailbox. After recovery all of them; after a command or a
    /// persist handler only the oldest (as Akka does): each command processed pulls the next one, so order is kept
    /// and a long queue is not re-stashed once per persisted event.
    /// </summary>
    private void UnstashInternally(bool all)
    {
        if (_internalStash.Count == 0)
        {
            return;
        }

        if (all)
        {
            var held = _internalStash.ToArray();
            _internalStash.Clear();
            PrependToMailbox(held);
        }
        else
        {
            PrependToMailbox([_internalStash.Dequeue()]);
        }
    }
}
