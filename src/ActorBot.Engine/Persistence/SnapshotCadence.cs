namespace ActorBot.Engine.Persistence;

/// <summary>
/// When a persistent actor saves a snapshot, and which older ones it may delete. A snapshot is due once
/// <c>every</c> events were written since the newest one (saved or asked for), and at a clean stop when any event was
/// written since. Events are never deleted (they are the audit trail); of the snapshots the last two are kept, so one
/// that turns out unreadable still leaves an older one plus the events after it.
/// Pure bookkeeping on sequence numbers: the actor does the IO.
/// </summary>
public sealed class SnapshotCadence
{
    private readonly int _every;
    private long _latest;
    private long _requested;

    public SnapshotCadence(int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        _every = every;
    }

    /// <summary>The snapshot recovery started from (its sequence number).</summary>
    public void Recovered(long sequenceNr)
    {
        _latest = sequenceNr;
        _requested = sequenceNr;
    }

    /// <summary>Should the state after event <paramref name="sequenceNr"/> be saved now?</summary>
    public bool Due(long sequenceNr) => sequenceNr - _requested >= _every;

    /// <summary>Were events written since the last snapshot (saved or asked for)? Then a clean stop saves one.</summary>
    public bool Dirty(long sequenceNr) => sequenceNr > _requested;

    /// <summary>A save of the state at <paramref name="sequenceNr"/> was sent to the snapshot store.</summary>
    public void Requested(long sequenceNr) => _requested = Math.Max(_requested, sequenceNr);

    /// <summary>
    /// The store saved the snapshot at <paramref name="sequenceNr"/>: the highest sequence number of the snapshots that
    /// may now be deleted (all but this one and the one before it), or null when there is none.
    /// </summary>
    /// <summary>
    /// At a clean stop the answer to the last save reaches no one, so the stop deletes what is older than the newest
    /// confirmed snapshot instead: kept are that one, the stop's own, and any save still in flight (at most one more).
    /// </summary>
    public long? OlderThanLatest => _latest > 1 ? _latest - 1 : null;

    public long? Succeeded(long sequenceNr)
    {
        if (sequenceNr <= _latest)
        {
            return null;
        }

        var previous = _latest;
        _latest = sequenceNr;
        return previous > 1 ? previous - 1 : null;
    }
}
