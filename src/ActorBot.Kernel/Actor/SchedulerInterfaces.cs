using Akka.Dispatch;

namespace Akka.Actor;

/// <summary>A handle that cancels scheduled work.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    CancellationToken Token { get; }

    void Cancel();

    void Cancel(bool throwOnFirstException);

    void CancelAfter(TimeSpan delay);

    void CancelAfter(int millisecondsDelay);
}

/// <summary>Clocks of a scheduler (virtual under the TestScheduler).</summary>
public interface ITimeProvider
{
    TimeSpan HighResMonotonicClock { get; }

    TimeSpan MonotonicClock { get; }

    DateTimeOffset Now { get; }
}

/// <summary>Schedules messages to be told later; not cancelled automatically.</summary>
public interface ITellScheduler
{
    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender);

    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable);

    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender);

    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable);
}

/// <summary>Schedules <see cref="IRunnable"/> work.</summary>
public interface IRunnableScheduler
{
    void ScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable);

    void ScheduleOnce(TimeSpan delay, IRunnable action);

    void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable);

    void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action);
}

/// <summary>Schedules delegates.</summary>
public interface IActionScheduler : IRunnableScheduler
{
    void ScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable);

    void ScheduleOnce(TimeSpan delay, Action action);

    void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable);

    void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}

/// <summary>Delegate and runnable scheduling.</summary>
public interface IAdvancedScheduler : IActionScheduler, IRunnableScheduler
{
}

/// <summary>The system scheduler.</summary>
public interface IScheduler : ITellScheduler, ITimeProvider
{
    IAdvancedScheduler Advanced { get; }
}

/// <summary>Actors with keyed timers; the runtime injects <see cref="Timers"/>.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Keyed timers owned by one actor. Starting a timer with an existing key cancels the old one, and a
/// message from the old timer is never received even if it was already enqueued. Not thread-safe.
/// </summary>
public interface ITimerScheduler
{
    IReadOnlyCollection<object> ActiveTimers { get; }

    void Cancel(object key);

    void CancelAll();

    bool IsTimerActive(object key);

    void StartPeriodicTimer(object key, object msg, TimeSpan interval);

    void StartPeriodicTimer(object key, object msg, TimeSpan interval, IActorRef sender);

    void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval);

    void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval, IActorRef sender);

    void StartSingleTimer(object key, object msg, TimeSpan timeout);

    void StartSingleTimer(object key, object msg, TimeSpan timeout, IActorRef sender);
}
