using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ActorBot.Engine.Replay;

/// <summary>
/// The replay clock, selected like any scheduler by <c>akka.scheduler.implementation</c>. Time stands still
/// until the replay driver calls <see cref="AdvanceTo"/> with an event timestamp; everything due by then
/// runs on the driver's thread in due-time order (ties in scheduling order), with <see cref="Now"/> moved to
/// each item's due time. It starts at <c>akka.scheduler.virtual-start-ms</c> (the data's first minute),
/// not at the wall clock, so nothing in a replay depends on when it was run.
/// The driver only moves the clock while the actor tree is idle (after an ack), because actors read
/// <see cref="Now"/> when they arm timers.
/// </summary>
public sealed class VirtualClockScheduler : IScheduler, IAdvancedScheduler, ITimeProvider
{
    public const string StartKey = "virtual-start-ms";

    /// <summary>The start key's full path in the system configuration.</summary>
    public const string StartPath = "akka.scheduler." + StartKey;

    private readonly object _lock = new();
    private readonly PriorityQueue<Item, (long DueMs, long Seq)> _queue = new();
    private readonly long _startMs;
    private long _nowMs;
    private long _sequence;

    /// <summary>Akka creates schedulers reflectively with the whole system configuration and a logger.</summary>
    public VirtualClockScheduler(Config config, ILoggingAdapter log)
    {
        ArgumentNullException.ThrowIfNull(config);
        // Akka hands a scheduler the whole config, not its section: read the full path. A replay that started
        // in 1970 because the key was read from the wrong level is the failure this guards against.
        if (!config.HasPath(StartPath))
        {
            throw new ConfigurationException($"{StartPath} is not set: the virtual clock needs the replay's first minute.");
        }

        _startMs = _nowMs = config.GetLong(StartPath, 0);
    }

    public IAdvancedScheduler Advanced => this;

    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);

    public long NowMs
    {
        get
        {
            lock (_lock)
            {
                return _nowMs;
            }
        }
    }

    public TimeSpan MonotonicClock => TimeSpan.FromMilliseconds(NowMs - _startMs);

    public TimeSpan HighResMonotonicClock => MonotonicClock;

    /// <summary>Moves the clock to <paramref name="targetMs"/> (never backwards), running everything due by then.</summary>
    public void AdvanceTo(long targetMs)
    {
        while (true)
        {
            Item item;
            long due;
            lock (_lock)
            {
                if (!_queue.TryPeek(out _, out var key) || key.DueMs > targetMs)
                {
                    _nowMs = Math.Max(_nowMs, targetMs);
                    return;
                }

                item = _queue.Dequeue();
                due = key.DueMs;
                _nowMs = Math.Max(_nowMs, due);
            }

            if (item.Cancelable is { IsCancellationRequested: true })
            {
                continue;
            }

            item.Action();
            if (item.IntervalMs is { } every && item.Cancelable is not { IsCancellationRequested: true })
            {
                Enqueue(due + every, item);
            }
        }
    }

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender) =>
        Schedule(delay, null, () => receiver.Tell(message, sender), null);

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, null, () => receiver.Tell(message, sender), cancelable);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), null);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    public void ScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) => Schedule(delay, null, action, cancelable);

    public void ScheduleOnce(TimeSpan delay, Action action) => Schedule(delay, null, action, null);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action) => Schedule(initialDelay, interval, action, null);

    public void ScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) => Schedule(delay, null, action.Run, cancelable);

    public void ScheduleOnce(TimeSpan delay, IRunnable action) => Schedule(delay, null, action.Run, null);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action) => Schedule(initialDelay, interval, action.Run, null);

    private void Schedule(TimeSpan delay, TimeSpan? interval, Action action, ICancelable? cancelable)
    {
        long? every = null;
        if (interval is { } i)
        {
            // Millisecond resolution, the resolution of exchange timestamps; a sub-ms period would never end.
            every = Math.Max(1, (long)Math.Ceiling(i.TotalMilliseconds));
        }

        var delayMs = delay <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(delay.TotalMilliseconds);
        lock (_lock)
        {
            _queue.Enqueue(new Item(action, every, cancelable), (_nowMs + delayMs, _sequence++));
        }
    }

    private void Enqueue(long dueMs, Item item)
    {
        lock (_lock)
        {
            _queue.Enqueue(item, (dueMs, _sequence++));
        }
    }

    private sealed record Item(Action Action, long? IntervalMs, ICancelable? Cancelable);
}
