namespace ActorBot.Engine.Cluster;

/// <summary>
/// Notices that this process stood still (SIGSTOP, a VM or a long GC pause): a timer ticks every <c>tick</c>, and a gap
/// between ticks longer than <c>threshold</c> means nothing here ran meanwhile — long enough for the other nodes to have
/// found this one unreachable, downed it and started its symbols and singletons elsewhere. Its failure detector cannot
/// tell: heartbeats the peers sent during the freeze arrive all at once on resume and look fresh. So entries are held
/// while the gap is open (the timer has not ticked yet after the resume) and for <c>hold</c> after it closed, long
/// enough for the node to learn it was downed and stop. Thread-safe; read synchronously at each entry.
/// </summary>
public sealed class StallWatch : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _threshold;
    private readonly TimeSpan _hold;
    private readonly ITimer _timer;
    private long _lastTickMs;
    private long _stallEndedMs = long.MinValue;
    private long _lastStallMs;

    public StallWatch(TimeProvider clock, TimeSpan tick, TimeSpan threshold, TimeSpan hold)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _threshold = threshold;
        _hold = hold;
        _lastTickMs = Now;
        _timer = clock.CreateTimer(_ => Tick(), null, tick, tick);
    }

    /// <summary>Stalls seen since start.</summary>
    public long Stalls { get; private set; }

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Null when no stall holds entries; else why they are held.</summary>
    public string? Check()
    {
        var now = Now;
        var sinceTick = now - Interlocked.Read(ref _lastTickMs);
        if (sinceTick > _threshold.TotalMilliseconds)
        {
            return $"this node stood still for {sinceTick} ms (over {_threshold.TotalMilliseconds:0} ms): it may have been downed meanwhile";
        }

        var ended = Interlocked.Read(ref _stallEndedMs);
        return ended != long.MinValue && now - ended < _hold.TotalMilliseconds
            ? $"this node stood still for {Interlocked.Read(ref _lastStallMs)} ms {now - ended} ms ago: entries held for {_hold.TotalSeconds:0} s after a stall"
            : null;
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        var now = Now;
        var gap = now - Interlocked.Exchange(ref _lastTickMs, now);
        if (gap > _threshold.TotalMilliseconds)
        {
            Interlocked.Exchange(ref _lastStallMs, gap);
            Interlocked.Exchange(ref _stallEndedMs, now);
            Stalls++;
        }
    }
}
