namespace Akka.Actor;

/// <summary>
/// Keyed timers of one actor incarnation, driven by the system scheduler (virtual under the
/// TestScheduler). Each start bumps a generation; a message whose generation is not the key's current one
/// (cancelled or replaced timer, even if already enqueued) is dropped by the cell.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = new();
    private int _generation;

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void StartSingleTimer(object key, object msg, TimeSpan timeout) => Start(key, msg, timeout, null, null);

    public void StartSingleTimer(object key, object msg, TimeSpan timeout, IActorRef sender) => Start(key, msg, timeout, null, sender);

    public void StartPeriodicTimer(object key, object msg, TimeSpan interval) => Start(key, msg, interval, interval, null);

    public void StartPeriodicTimer(object key, object msg, TimeSpan interval, IActorRef sender) => Start(key, msg, interval, interval, sender);

    public void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, msg, initialDelay, interval, null);

    public void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval, IActorRef sender) =>
        Start(key, msg, initialDelay, interval, sender);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Cancelable.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Cancelable.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>Returns the payload if the message belongs to a live timer, else null (stale).</summary>
    internal object? Intercept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this)
            || !_timers.TryGetValue(message.Key, out var entry)
            || entry.Generation != message.Generation)
        {
            return null;
        }

        if (!entry.Repeating)
        {
            _timers.Remove(message.Key);
        }

        return message.Payload;
    }

    private void Start(object key, object msg, TimeSpan delay, TimeSpan? interval, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(msg);
        Cancel(key);
        var generation = ++_generation;
        var message = new TimerMessage(key, generation, msg, this);
        var cancelable = new Cancelable();
        var scheduler = cell.System.Scheduler;
        if (interval is { } every)
        {
            scheduler.ScheduleTellRepeatedly(delay, every, cell.Self, message, sender ?? ActorRefs.NoSender, cancelable);
        }
        else
        {
            scheduler.ScheduleTellOnce(delay, cell.Self, message, sender ?? ActorRefs.NoSender, cancelable);
        }

        _timers[key] = new Entry(generation, cancelable, interval is not null);
    }

    private sealed record Entry(int Generation, Cancelable Cancelable, bool Repeating);

    /// <summary>What a timer actually enqueues; unwrapped by the cell.</summary>
    internal sealed class TimerMessage(object key, int generation, object payload, TimerScheduler owner) : IInternalSignal, Akka.Event.IDeadLetterSuppression
    {
        public object Key { get; } = key;

        public int Generation { get; } = generation;

        public object Payload { get; } = payload;

        public TimerScheduler Owner { get; } = owner;
    }
}
