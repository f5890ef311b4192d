using ActorBot.Domain.Liquidations.Calibration;
using Akka.Actor;
using Akka.Persistence;

namespace ActorBot.Engine.Liquidations;

/// <summary>What <see cref="CalibratorImportActor"/> did: written, or refused because the journal already holds calibrator state.</summary>
public sealed record CalibratorImportDone(bool Written, string? Refusal);

/// <summary>
/// Writes one imported <see cref="CalibratorSnapshot"/> (the old weight file, <see cref="LegacyWeightFile"/>) into the
/// journal of <c>calibrator-{symbol}</c> exactly as <see cref="CalibratorActor"/> saves its own: a marker event, then a
/// <see cref="CalibratorState"/> snapshot, older rows deleted. It recovers first: existing state (a snapshot or any
/// event) is left alone unless <paramref name="force"/>. Replies one <see cref="CalibratorImportDone"/> (or a
/// <see cref="Status.Failure"/>) to whoever sent it <see cref="StartImport"/>, then stops. Run it with the service
/// stopped: two writers on one persistence id collide on the journal's unique index.
/// </summary>
public sealed class CalibratorImportActor : ReceivePersistentActor
{
    private readonly CalibratorSnapshot _snapshot;
    private readonly bool _force;
    private bool _hadSnapshot;
    private bool _recovered;
    private IActorRef? _requester;
    private int _deletesPending;

    public CalibratorImportActor(string symbol, CalibratorSnapshot snapshot, bool force)
    {
        _snapshot = snapshot;
        _force = force;
        PersistenceId = CalibratorActor.PersistenceIdOf(symbol);
        Recover<SnapshotOffer>(_ => _hadSnapshot = true);
        Recover<RecoveryCompleted>(_ =>
        {
            _recovered = true;
            TryStart();
        });
        Recover<object>(_ => { });
        Command<StartImport>(_ =>
        {
            _requester = Sender;
            TryStart();
        });
        Command<SaveSnapshotSuccess>(s =>
        {
            // The older rows go before the answer: the command ends (and its actor system) right after it.
            _deletesPending = 2;
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
            DeleteMessages(s.Metadata.SequenceNr - 1);
        });
        Command<DeleteSnapshotsSuccess>(_ => Deleted());
        Command<DeleteSnapshotsFailure>(_ => Deleted());
        Command<DeleteMessagesSuccess>(_ => Deleted());
        Command<DeleteMessagesFailure>(_ => Deleted());
        Command<SaveSnapshotFailure>(f => Finish(new Status.Failure(f.Cause)));
        Command<object>(_ => { });
    }

    public override string PersistenceId { get; }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _requester?.Tell(new Status.Failure(cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void TryStart()
    {
        if (!_recovered || _requester is null)
        {
            return;
        }

        if ((_hadSnapshot || LastSequenceNr > 0) && !_force)
        {
            Finish(new CalibratorImportDone(false, $"{PersistenceId} already holds calibrator state (sequence {LastSequenceNr}); --force replaces it"));
            return;
        }

        var state = new CalibratorState(_snapshot);
        Persist(new CalibratorSnapshotTaken(_snapshot.LastCalibrationMinuteMs, Context.System.Scheduler.Now.ToUnixTimeMilliseconds(), "import"), _ => SaveSnapshot(state));
    }

    // A failed delete leaves an older row behind the new snapshot, which recovery never picks: the import still stands.
    private void Deleted()
    {
        if (--_deletesPending == 0)
        {
            Finish(new CalibratorImportDone(true, null));
        }
    }

    private void Finish(object reply)
    {
        _requester?.Tell(reply);
        _requester = null;
        Context.Stop(Self);
    }
}

/// <summary>Starts a <see cref="CalibratorImportActor"/>'s write once it has recovered.</summary>
public sealed record StartImport
{
    public static readonly StartImport Instance = new();
}
