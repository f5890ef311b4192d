using ActorBot.Engine.Persistence;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// Snapshots of the execution journal (issue 9: recovery must not grow with history). Every
/// <see cref="ExecutionSettings.SnapshotEvery"/> events, and at a clean stop when events were written since, the whole
/// <see cref="ExecutionState"/> is saved; recovery starts from the newest snapshot and folds only the events after it
/// with the same <see cref="ExecutionState.Apply"/>. Events are never deleted; the last two snapshots are kept.
/// </summary>
public sealed partial class ExecutionActor
{
    private SnapshotCadence _snapshots = null!;
    private bool _crashed;

    private void RecoverSnapshots(int every)
    {
        _snapshots = new SnapshotCadence(every);
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ExecutionSnapshot snapshot)
            {
                _state = ExecutionSnapshots.ToState(snapshot);
                _snapshots.Recovered(offer.Metadata.SequenceNr);
            }
        });
    }

    /// <summary>The snapshot store's answers, in both phases (never stashed behind restart-flatten).</summary>
    private void SnapshotCommands()
    {
        Command<SaveSnapshotSuccess>(s =>
        {
            Count("snapshot saved");
            if (_snapshots.Succeeded(s.Metadata.SequenceNr) is { } upTo)
            {
                DeleteSnapshots(new SnapshotSelectionCriteria(upTo));
            }
        });
        Command<SaveSnapshotFailure>(f =>
        {
            Count("snapshot failed");
            _log.Warning("execution {0}: snapshot at {1} failed (recovery replays more events, nothing is lost): {2}", _settings.Venue, f.Metadata.SequenceNr, f.Cause.Message);
        });
        Command<DeleteSnapshotsSuccess>(_ => Count("snapshots deleted"));
        Command<DeleteSnapshotsFailure>(f =>
        {
            Count("snapshots delete failed");
            _log.Warning("execution {0}: old snapshots not deleted: {1}", _settings.Venue, f.Cause.Message);
        });
    }

    /// <summary>Called after each journaled event is applied: saves the state when the cadence says so.</summary>
    private void SnapshotIfDue()
    {
        if (_snapshots.Due(LastSequenceNr))
        {
            SaveState();
        }
    }

    private void SaveState()
    {
        _snapshots.Requested(LastSequenceNr);
        SaveSnapshot(ExecutionSnapshots.ToSnapshot(_state));
    }

    /// <summary>A crash-restart saves nothing: the next incarnation recovers from the journal (crash-only, STYLE 3).</summary>
    protected override void PreRestart(Exception reason, object message)
    {
        _crashed = true;
        base.PreRestart(reason, message);
    }

    /// <summary>At a clean stop with events written since the last snapshot: one more, so the next start replays none.</summary>
    private void SnapshotAtStop()
    {
        if (!_crashed && IsRecoveryFinished && _snapshots.Dirty(LastSequenceNr))
        {
            SaveState();
            if (_snapshots.OlderThanLatest is { } upTo)
            {
                DeleteSnapshots(new SnapshotSelectionCriteria(upTo));
            }
        }
    }
}
