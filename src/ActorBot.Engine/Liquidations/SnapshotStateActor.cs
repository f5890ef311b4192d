using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// A persistent actor whose whole state is in its newest snapshot (/zones, /calibrator): each save writes a marker
/// event, then the snapshot; once the snapshot is stored the older snapshots and markers are deleted. A clean stop asks
/// it to save (<see cref="FlushState"/>) and waits for the store's answer, which <see cref="AwaitSave"/> registers.
/// The bookkeeping here is the same for both; what to save and when stays with each actor.
/// </summary>
public abstract class SnapshotStateActor : ReceivePersistentActor
{
    private readonly List<IActorRef> _flushWaiters = [];

    protected long SnapshotsSaved { get; private set; }

    protected long SnapshotFailures { get; private set; }

    /// <summary>Registers the store's answers to saves and deletions; <paramref name="name"/> prefixes the warnings.</summary>
    protected void CommandSnapshotHousekeeping(string name, ILoggingAdapter log)
    {
        Command<SaveSnapshotSuccess>(s =>
        {
            SnapshotsSaved++;
            AnswerFlush();
            // Only the newest snapshot is needed, and none of the markers before its own (kept: it holds the sequence number).
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
            DeleteMessages(s.Metadata.SequenceNr - 1);
        });
        Command<SaveSnapshotFailure>(f =>
        {
            SnapshotFailures++;
            AnswerFlush();
            log.Warning("{0}: snapshot failed (the previous one stays): {1}", name, f.Cause.Message);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => log.Warning("{0}: old snapshots not deleted: {1}", name, f.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => log.Warning("{0}: old markers not deleted: {1}", name, f.Cause.Message));
    }

    /// <summary>The sender of a <see cref="FlushState"/> is answered with <see cref="Akka.Done"/> when the save in flight ends.</summary>
    protected void AwaitSave() => _flushWaiters.Add(Sender);

    private void AnswerFlush()
    {
        foreach (var waiter in _flushWaiters)
        {
            waiter.Tell(Akka.Done.Instance);
        }

        _flushWaiters.Clear();
    }
}
