using Akka.Dispatch.SysMsg;
using Akka.Event;

namespace Akka.Actor;

/// <summary>Reference to an actor cell of this process: Tell is one enqueue (no allocation beyond the queue).</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path) : ActorRefBase
{
    public ActorCell Cell { get; } = cell;

    public override ActorPath Path { get; } = path;

    internal override bool IsTerminatedRef => Cell.IsTerminated;

    protected override void TellInternal(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(new Envelope(message, sender));
    }

    internal override void SendSystemMessage(SystemMessage message) => Cell.SendSystemMessage(message);
}

/// <summary>Publishes everything it receives on the EventStream as a <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystemImpl system, ActorPath path) : ActorRefBase
{
    public override ActorPath Path { get; } = path;

    internal override bool IsTerminatedRef => true;

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is DeadLetter deadLetter)
        {
            system.EventStream.Publish(deadLetter);
            return;
        }

        system.PublishDeadLetter(message, sender, this);
    }
}

/// <summary>The temporary reply-to of an Ask: the first reply completes the task.</summary>
internal sealed class PromiseActorRef<T>(ActorPath path) : ActorRefBase
{
    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ICancelable? Timeout { get; set; }

    public Task<T> Task => _promise.Task;

    public override ActorPath Path { get; } = path;

    internal override bool IsTerminatedRef => _promise.Task.IsCompleted;

    public void Fail(Exception cause)
    {
        if (_promise.TrySetException(cause))
        {
            Timeout?.Cancel();
        }
    }

    public void Cancel()
    {
        if (_promise.TrySetCanceled())
        {
            Timeout?.Cancel();
        }
    }

    protected override void TellInternal(object message, IActorRef sender)
    {
        bool completed;
        if (message is T typed && message is not Status.Failure)
        {
            completed = _promise.TrySetResult(typed);
        }
        else if (message is Status.Failure failure)
        {
            completed = typeof(T) == typeof(Status.Failure)
                ? _promise.TrySetResult((T)message)
                : _promise.TrySetException(failure.Cause);
        }
        else if (message is T other)
        {
            completed = _promise.TrySetResult(other);
        }
        else
        {
            completed = _promise.TrySetException(new ArgumentException(
                $"Received message of type [{message?.GetType()}] - Ask expected message of type [{typeof(T)}]"));
        }

        if (completed)
        {
            Timeout?.Cancel();
        }
    }
}

/// <summary>Temporary watcher used by GracefulStop: completes when the target's termination arrives.</summary>
internal sealed class WatcherActorRef(ActorPath path) : ActorRefBase
{
    private readonly TaskCompletionSource<bool> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<bool> Terminated => _terminated.Task;

    public override ActorPath Path { get; } = path;

    protected override void TellInternal(object message, IActorRef sender)
    {
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification)
        {
            _terminated.TrySetResult(true);
        }
    }
}
