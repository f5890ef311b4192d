namespace Akka.Actor;

/// <summary>
/// Ask: a temporary reply reference completes the task with the first reply. A <see cref="Status.Failure"/>
/// reply faults it with the cause, a reply of the wrong type with <see cref="ArgumentException"/>, no reply
/// within the timeout (system scheduler; default <c>akka.actor.ask-timeout</c>, infinite) with
/// <see cref="AskTimeoutException"/>; asking an actor that is already dead fails at once.
/// </summary>
public static class Futures
{
    public static Task<object> Ask(this ICanTell self, object message, TimeSpan? timeout = null) =>
        AskCore<object>(self, _ => message, timeout, CancellationToken.None);

    public static Task<object> Ask(this ICanTell self, object message, CancellationToken cancellationToken) =>
        AskCore<object>(self, _ => message, null, cancellationToken);

    public static Task<object> Ask(this ICanTell self, object message, TimeSpan? timeout, CancellationToken cancellationToken) =>
        AskCore<object>(self, _ => message, timeout, cancellationToken);

    public static Task<T> Ask<T>(this ICanTell self, object message, TimeSpan? timeout = null) =>
        AskCore<T>(self, _ => message, timeout, CancellationToken.None);

    public static Task<T> Ask<T>(this ICanTell self, object message, CancellationToken cancellationToken) =>
        AskCore<T>(self, _ => message, null, cancellationToken);

    public static Task<T> Ask<T>(this ICanTell self, object message, TimeSpan? timeout, CancellationToken cancellationToken) =>
        AskCore<T>(self, _ => message, timeout, cancellationToken);

    public static Task<T> Ask<T>(this ICanTell self, Func<IActorRef, object> messageFactory, TimeSpan? timeout, CancellationToken cancellationToken) =>
        AskCore<T>(self, messageFactory, timeout, cancellationToken);

    private static Task<T> AskCore<T>(ICanTell self, Func<IActorRef, object> messageFactory, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        var target = (self as IActorRef).AsInternal();
        if (target is { IsTerminatedRef: true })
        {
            return Task.FromException<T>(new AskTimeoutException($"Recipient [{self}] had already been terminated."));
        }

        var system = (target as LocalActorRef)?.Cell.SystemImpl ?? ActorCell.Current?.SystemImpl;
        var effectiveTimeout = timeout ?? system?.KernelSettings.AskTimeout;
        var path = system is null
            ? new ChildActorPathImpl(new RootActorPathImpl(new Address("akka", "temp")), "ask", 0)
            : system.NewTempPath();
        var promise = new PromiseActorRef<T>(path);
        if (effectiveTimeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
        {
            var cancelable = new Cancelable();
            promise.Timeout = cancelable;
            var description = $"Timeout after {t} while waiting for a reply from [{self}].";
            if (system is not null)
            {
                system.Scheduler.Advanced.ScheduleOnce(t, () => promise.Fail(new AskTimeoutException(description)), cancelable);
            }
            else
            {
                _ = Task.Delay(t, cancelable.Token).ContinueWith(
                    task => promise.Fail(new AskTimeoutException(description)),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion,
                    TaskScheduler.Default);
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(static state => ((PromiseActorRef<T>)state!).Cancel(), promise);
        }

        self.Tell(messageFactory(promise), promise);
        return promise.Task;
    }
}

/// <summary>Turns a task's outcome into a message: the result, or <see cref="Status.Failure"/>.</summary>
public static class PipeToSupport
{
    public static async Task PipeTo<T>(this Task<T> taskToPipe, ICanTell recipient, IActorRef? sender = null, Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        try
        {
            var result = await taskToPipe.ConfigureAwait(false);
            recipient.Tell(success is null ? result! : success(result), sender!);
        }
        catch (Exception ex)
        {
            recipient.Tell(failure is null ? new Status.Failure(ex) : failure(ex), sender!);
        }
    }

    public static async Task PipeTo(this Task taskToPipe, ICanTell recipient, IActorRef? sender = null, Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        try
        {
            await taskToPipe.ConfigureAwait(false);
            if (success is not null)
            {
                recipient.Tell(success(), sender!);
            }
        }
        catch (Exception ex)
        {
            recipient.Tell(failure is null ? new Status.Failure(ex) : failure(ex), sender!);
        }
    }
}

/// <summary>Stop an actor and learn when its PostStop has run.</summary>
public static class GracefulStopSupport
{
    public static Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout) => GracefulStop(target, timeout, PoisonPill.Instance);

    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object stopMessage)
    {
        var internalTarget = target.AsInternal() ?? throw new ArgumentException($"{target} is not an actor reference.", nameof(target));
        var system = (internalTarget as LocalActorRef)?.Cell.SystemImpl;
        var watcher = new WatcherActorRef(system?.NewTempPath()
            ?? new ChildActorPathImpl(new RootActorPathImpl(new Address("akka", "temp")), "watch", 0));
        internalTarget.SendSystemMessage(new Dispatch.SysMsg.Watch(internalTarget, watcher));
        target.Tell(stopMessage, ActorRefs.NoSender);
        var finished = await Task.WhenAny(watcher.Terminated, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished == watcher.Terminated)
        {
            return true;
        }

        internalTarget.SendSystemMessage(new Dispatch.SysMsg.Unwatch(internalTarget, watcher));
        return false;
    }
}
