using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace Akka.TestKit;

/// <summary>
/// Virtual-time scheduler: nothing fires until the test calls <see cref="Advance"/> or
/// <see cref="AdvanceTo"/>, which run every item due by then in due-time order (ties in scheduling order)
/// on the calling thread, moving the clock to each item's due time. Deterministic; tests never sleep.
/// </summary>
public class TestScheduler : IScheduler, IAdvancedScheduler, IActionScheduler, IRunnableScheduler, ITellScheduler, ITimeProvider
{
    private readonly object _lock = new();
    private readonly PriorityQueue<Item, (DateTimeOffset Due, long Seq)> _queue = new();
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence;

    public TestScheduler(Config schedulerConfig, ILoggingAdapter log)
    {
        _start = _now = DateTimeOffset.UtcNow;
    }

    public IAdvancedScheduler Advanced => this;

    public TimeSpan HighResMonotonicClock => MonotonicClock;

    public TimeSpan MonotonicClock
    {
        get
        {
            lock (_lock)
            {
                return _now - _start;
            }
        }
    }

    public DateTimeOffset Now => TimeNow;

    protected DateTimeOffset TimeNow
    {
        get
        {
            lock (_lock)
            {
                return _now;
            }
        }
    }

    /// <summary>Moves virtual time forward by <paramref name="offset"/>, running what becomes due.</summary>
    public void Advance(TimeSpan offset)
    {
        if (offset < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "Virtual time cannot go backwards.");
        }

        AdvanceTo(TimeNow + offset);
    }

    /// <summary>Moves virtual time to <paramref name="when"/>, running what becomes due.</summary>
    public void AdvanceTo(DateTimeOffset when)
    {
        while (true)
        {
            Item item;
            DateTimeOffset due;
            lock (_lock)
            {
                if (!_queue.TryPeek(out _, out var priority) || priority.Due > when)
                {
                    if (when > _now)
                    {
                        _now = when;
                    }

                    return;
                }

                item = _queue.Dequeue();
                due = priority.Due;
                if (due > _now)
                {
                    _now = due;
                }
            }

            if (item.Cancelable is { IsCancellationRequested: true })
            {
                continue;
            }

            item.Action();
            if (item.Interval is { } interval && item.Cancelable is not { IsCancellationRequested: true })
            {
                Enqueue(due + interval, item);
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

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action) =>
        Schedule(initialDelay, interval, action.Run, null);

    private void Schedule(TimeSpan delay, TimeSpan? interval, Action action, ICancelable? cancelable)
    {
        if (interval is { } every && every <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "A repeating interval must be positive.");
        }

        Enqueue(TimeNow + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), new Item(action, interval, cancelable));
    }

    private void Enqueue(DateTimeOffset due, Item item)
    {
        lock (_lock)
        {
            _queue.Enqueue(item, (due, _sequence++));
        }
    }

    private sealed record Item(Action Action, TimeSpan? Interval, ICancelable? Cancelable);
}
