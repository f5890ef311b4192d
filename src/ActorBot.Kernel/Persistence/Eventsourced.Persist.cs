using Akka.Actor;
using Akka.Persistence.Journal;

namespace Akka.Persistence;

/// <summary>Persisting: batching the writes of one command, delivering outcomes in order, running handlers.</summary>
public abstract partial class Eventsourced
{
    public void DeferAsync<TEvent>(TEvent evt, Action<TEvent> handler)
    {
        EnsureNotRecovering(nameof(DeferAsync));
        if (_batch.Count == 0 && _pendingWrites == 0)
        {
            handler(evt);
            return;
        }

        _batch.Add(new PendingWrite([], [evt!], o => handler((TEvent)o), stashing: false, Sender));
    }

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; replies <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    public void DeleteMessages(long toSequenceNr)
    {
        var self = Self;
        if (toSequenceNr != long.MaxValue && toSequenceNr > LastSequenceNr)
        {
            self.Tell(new DeleteMessagesFailure(
                new InvalidOperationException($"toSequenceNr [{toSequenceNr}] must be less than or equal to lastSequenceNr [{LastSequenceNr}]"),
                toSequenceNr), ActorRefs.NoSender);
            return;
        }

        var upTo = toSequenceNr == long.MaxValue ? LastSequenceNr : toSequenceNr;
        JournalStore.DeleteMessagesToAsync(PersistenceId, upTo).ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? new DeleteMessagesSuccess(toSequenceNr) : new DeleteMessagesFailure(Unwrap(t), toSequenceNr), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Persist<TEvent>(TEvent @event, Action<TEvent> handler) => Enqueue([@event], handler, stashing: true, nameof(Persist));

    public void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) => Enqueue(events, handler, stashing: true, nameof(PersistAll));

    public void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) => Enqueue(events, handler, stashing: false, nameof(PersistAllAsync));

    public void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) => Enqueue([@event], handler, stashing: false, nameof(PersistAsync));

    private void Enqueue<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler, bool stashing, string operation)
    {
        EnsureNotRecovering(operation);
        var persistent = new List<PersistentEvent>();
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e, "event");
            persistent.Add(new PersistentEvent(PersistenceId, ++_sequenceNr, e, _writerGuid));
        }

        if (persistent.Count > 0)
        {
            _batch.Add(new PendingWrite(persistent, [], o => handler((TEvent)o), stashing, Sender));
        }
    }

    private void EnsureNotRecovering(string operation)
    {
        if (_recovering)
        {
            throw new InvalidOperationException($"Cannot {operation} during recovery of {PersistenceId}; persist from command handlers or after RecoveryCompleted.");
        }
    }

    /// <summary>Sends what the last handler asked to persist; outcomes come back as messages, in submission order.</summary>
    private void FlushBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var self = Self;
        var instanceId = _instanceId;
        foreach (var write in _batch)
        {
            if (write.Stashing)
            {
                _pendingStashingWrites++;
            }

            _pendingWrites++;
            Task task;
            if (write.Events.Count == 0)
            {
                task = Task.CompletedTask;
            }
            else
            {
                try
                {
                    task = JournalStore.WriteAsync(write.Events);
                }
                catch (Exception synchronous)
                {
                    task = Task.FromException(synchronous);
                }
            }

            // Chained so the outcome messages are told in submission order even though writes settle on pool threads;
            // when nothing is in flight the chain is skipped (the common Persist case).
            var settledInOrder = _deliveryChain.IsCompleted
                ? task
                : _deliveryChain
                    .ContinueWith(_ => task, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .Unwrap();
            _deliveryChain = settledInOrder
                .ContinueWith(
                    t => self.Tell(new WriteSettled(instanceId, write, t.IsCompletedSuccessfully ? null : Unwrap(t)), write.Sender),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
        }

        _batch.Clear();
    }

    private void HandleSignal(EventsourcedSignal signal)
    {
        if (signal is WriteSettled settled)
        {
            HandleWriteSettled(settled);
        }
        else
        {
            HandleRecoverySignal(signal);
        }
    }

    private void HandleWriteSettled(WriteSettled settled)
    {
        var write = settled.Write;
        _pendingWrites--;
        if (settled.Error is null)
        {
            try
            {
                foreach (var e in write.Events)
                {
                    LastSequenceNr = e.SequenceNr;
                    write.Handler(e.Payload);
                }

                foreach (var deferred in write.Deferred)
                {
                    write.Handler(deferred);
                }

                FlushBatch();
            }
            finally
            {
                SettleStashing(write);
            }

            return;
        }

        if (settled.Error is JournalWriteRejectedException rejected)
        {
            foreach (var e in write.Events)
            {
                OnPersistRejected(rejected.InnerException ?? rejected, e.Payload, e.SequenceNr);
            }

            SettleStashing(write);
            return;
        }

        _stopping = true;
        try
        {
            OnPersistFailure(settled.Error, write.Events[0].Payload, write.Events[0].SequenceNr);
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    private void SettleStashing(PendingWrite write)
    {
        if (write.Stashing && --_pendingStashingWrites == 0 && !_recovering)
        {
            UnstashInternally(all: false);
        }
    }

    private static Exception Unwrap(Task task) =>
        task.Exception is { } aggregate
            ? aggregate.InnerExceptions.Count == 1 ? aggregate.InnerException! : aggregate
            : new TaskCanceledException(task);
}
