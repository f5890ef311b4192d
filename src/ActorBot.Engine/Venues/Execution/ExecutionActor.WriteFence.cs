using Akka.Event;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// Cluster mode: the orders execution places on its own after an entry — brackets, flatten closes, restart-flatten's
/// closes — wait while this node's write fence is up. The fence is the stall watch (<see cref="Cluster.ClusterFence"/>):
/// a node that stood still past the failure detector's pause may have been downed meanwhile and its venue singleton
/// started elsewhere, whose restart-flatten then owns the book; a bracket or close this node journaled before the
/// freeze and sent on resume would sit beside the new owner's orders (a closePosition stop left to close the new
/// owner's next position). Held, not dropped: if the node was downed it stops before the fence clears and the writes
/// never leave; if it was not, they leave then (the fence holds for the failure detector's pause + stable-after + the
/// removal margin + 2 s). Cancels are never held: cancelling twice is harmless and only lowers risk. Entries are
/// refused, not held (<see cref="OnPlaceEntry"/>).
/// </summary>
public sealed partial class ExecutionActor
{
    /// <summary>How often a held write asks the fence again.</summary>
    private static readonly TimeSpan HeldWriteRetry = TimeSpan.FromMilliseconds(500);

    private long _heldWrites;

    /// <summary>Runs <paramref name="send"/> now, or once the write fence is down.</summary>
    private void Write(string what, Action send) => Write(new HeldWrite(what, send, 0));

    private void Write(HeldWrite w)
    {
        if (_writeFence?.Invoke() is { } held)
        {
            if (w.Attempt == 0)
            {
                Count("write held");
                _log.Warning("execution {0}: {1} held: {2}", _settings.Venue, w.What, held);
            }

            Timers.StartSingleTimer($"held-write-{_heldWrites++}", w with { Attempt = w.Attempt + 1 }, HeldWriteRetry);
            return;
        }

        if (w.Attempt > 0)
        {
            _log.Info("execution {0}: {1} released after {2} checks of the write fence", _settings.Venue, w.What, w.Attempt);
        }

        w.Send();
    }

    /// <summary>A write waiting for the fence; local only (it carries the send).</summary>
    private sealed record HeldWrite(string What, Action Send, int Attempt);
}
