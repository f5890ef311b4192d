using System.Diagnostics;

namespace Akka.Actor;

/// <summary>
/// The real-time scheduler: one background thread sleeps until the earliest due item (a priority queue
/// ordered by due time, then by scheduling order) and runs it. Actions must be short (a Tell).
/// </summary>
internal sealed class DedicatedThreadScheduler : SchedulerBase
{
    private readonly object _lock = new();
    private readonly PriorityQueue<Item, (long Due, long Seq)> _queue = new();
    private readonly Action<Exception> _onError;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private long _sequence;
    private bool _stopped;

    public DedicatedThreadScheduler(string systemName, Action<Exception> onError)
    {
        _onError = onError;
        var thread = new Thread(Run) { IsBackground = true, Name = $"akka-scheduler-{systemName}" };
        thread.Start();
    }

    public override TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(_startTimestamp);

    public override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override void Schedule(TimeSpan delay, TimeSpan? interval, Action action, ICancelable? cancelable)
    {
        if (interval is { } every && every <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "A repeating interval must be positive.");
        }

        var due = Stopwatch.GetTimestamp() + ToTicks(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _queue.Enqueue(new Item(action, interval, cancelable), (due, _sequence++));
            Monitor.Pulse(_lock);
        }
    }

    internal override void Shutdown()
    {
        lock (_lock)
        {
            _stopped = true;
            _queue.Clear();
            Monitor.Pulse(_lock);
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private void Run()
    {
        while (true)
        {
            Item item;
            long due;
            lock (_lock)
            {
                while (true)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    if (_queue.TryPeek(out _, out var priority))
                    {
                        var wait = priority.Due - Stopwatch.GetTimestamp();
                        if (wait <= 0)
                        {
                            item = _queue.Dequeue();
                            due = priority.Due;
                            break;
                        }

                        var ms = (int)Math.Min(int.MaxValue, Math.Max(1, wait * 1000 / Stopwatch.Frequency));
                        Monitor.Wait(_lock, ms);
                    }
                    else
                    {
                        Monitor.Wait(_lock);
                    }
                }
            }

            if (item.Cancelable is { IsCancellationRequested: true })
            {
                continue;
            }

            try
            {
                item.Action();
            }
            catch (Exception ex)
            {
                _onError(ex);
            }

            if (item.Interval is { } interval && item.Cancelable is not { IsCancellationRequested: true })
            {
                lock (_lock)
                {
                    if (!_stopped)
                    {
                        _queue.Enqueue(item, (due + ToTicks(interval), _sequence++));
                    }
                }
            }
        }
    }

    private sealed record Item(Action Action, TimeSpan? Interval, ICancelable? Cancelable);
}
