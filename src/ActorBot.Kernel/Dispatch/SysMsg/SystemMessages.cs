using Akka.Actor;

namespace Akka.Dispatch.SysMsg;

/// <summary>
/// Lifecycle and supervision traffic. It travels in each cell's separate system queue, is processed
/// before user messages, and is not ordered relative to them (as in Akka.NET).
/// </summary>
internal abstract class SystemMessage
{
}

/// <summary>First message of every cell: construct the actor and run PreStart.</summary>
internal sealed class Create : SystemMessage
{
    public static readonly Create Instance = new();
}

/// <summary>Restart the actor (from its supervisor).</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Stop processing user messages (a parent or ancestor failed).</summary>
internal sealed class Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}

/// <summary>Undo one <see cref="Suspend"/>; clears the failure when it resumes the failed actor.</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

/// <summary>Stop the actor for good.</summary>
internal sealed class Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

/// <summary>Watcher wants a notification when watchee stops.</summary>
internal sealed class Watch(ActorRefBase watchee, ActorRefBase watcher) : SystemMessage
{
    public ActorRefBase Watchee { get; } = watchee;

    public ActorRefBase Watcher { get; } = watcher;
}

/// <summary>Watcher no longer wants the notification.</summary>
internal sealed class Unwatch(ActorRefBase watchee, ActorRefBase watcher) : SystemMessage
{
    public ActorRefBase Watchee { get; } = watchee;

    public ActorRefBase Watcher { get; } = watcher;
}

/// <summary>A watched actor stopped.</summary>
internal sealed class DeathWatchNotification(ActorRefBase actor, bool existenceConfirmed) : SystemMessage
{
    public ActorRefBase Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}

/// <summary>A child stopped; the parent frees its name and may finish its own stop or restart.</summary>
internal sealed class ChildTerminated(ActorRefBase child) : SystemMessage
{
    public ActorRefBase Child { get; } = child;
}

/// <summary>A child failed; the parent's supervisor strategy decides.</summary>
internal sealed class Failed(ActorRefBase child, Exception cause, long uid) : SystemMessage
{
    public ActorRefBase Child { get; } = child;

    public Exception Cause { get; } = cause;

    public long Uid { get; } = uid;
}

/// <summary>Runs a continuation of a <c>ReceiveAsync</c> handler inside the actor's context.</summary>
internal sealed class RunTask(Task task, ActorTaskScheduler scheduler) : SystemMessage
{
    public Task Task { get; } = task;

    public ActorTaskScheduler Scheduler { get; } = scheduler;
}

/// <summary>The <c>ReceiveAsync</c> handler's task completed; resume user messages or fail.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
