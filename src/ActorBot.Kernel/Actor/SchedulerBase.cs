using Akka.Dispatch;

namespace Akka.Actor;

/// <summary>Maps every IScheduler overload onto one primitive: run an action after a delay, optionally repeating.</summary>
internal abstract class SchedulerBase : IScheduler, IAdvancedScheduler
{
    public IAdvancedScheduler Advanced => this;

    public abstract TimeSpan MonotonicClock { get; }

    public TimeSpan HighResMonotonicClock => MonotonicClock;

    public abstract DateTimeOffset Now { get; }

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

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action) =>
        Schedule(initialDelay, interval, action, null);

    public void ScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) => Schedule(delay, null, action.Run, cancelable);

    public void ScheduleOnce(TimeSpan delay, IRunnable action) => Schedule(delay, null, action.Run, null);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action) =>
        Schedule(initialDelay, interval, action.Run, null);

    protected abstract void Schedule(TimeSpan delay, TimeSpan? interval, Action action, ICancelable? cancelable);

    /// <summary>Stops firing; pending work is dropped.</summary>
    internal abstract void Shutdown();
}
