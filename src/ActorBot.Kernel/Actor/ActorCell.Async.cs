using System.Runtime.ExceptionServices;
using Akka.Dispatch.SysMsg;

namespace Akka.Actor;

/// <summary>
/// Receive timeout and ReceiveAsync. An async handler starts inline; while its task is pending no other
/// user message is processed, its continuations run as system messages inside the actor's context
/// (Sender restored), and a fault is supervised exactly like a synchronous exception.
/// </summary>
internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTask;
    private int _receiveTimeoutGeneration;
    private bool _awaitingAsync;
    private Envelope _asyncEnvelope;
    private ActorTaskScheduler? _taskScheduler;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan ? t : null;
        ResetReceiveTimeout();
    }

    private void ResetReceiveTimeout()
    {
        CancelReceiveTimeout();
        if (_receiveTimeout is { } timeout && !_terminating)
        {
            var cancelable = new Cancelable();
            _system.Scheduler.ScheduleTellOnce(timeout, _self, new ReceiveTimeoutTick(_receiveTimeoutGeneration), ActorRefs.NoSender, cancelable);
            _receiveTimeoutTask = cancelable;
        }
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutGeneration++;
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
    }

    internal void RunAsync(Func<Task> handler)
    {
        _taskScheduler ??= new ActorTaskScheduler(this);
        _asyncEnvelope = _currentEnvelope;
        var outer = new Task<Task>(handler);
        outer.RunSynchronously(_taskScheduler);
        if (outer.IsFaulted)
        {
            ExceptionDispatchInfo.Throw(outer.Exception!.InnerException ?? outer.Exception);
        }

        var inner = outer.Result;
        if (inner.IsCompleted)
        {
            ThrowIfFailed(inner);
            return;
        }

        _awaitingAsync = true;
        inner.ContinueWith(
            static (task, state) => ((ActorCell)state!).SendSystemMessage(new AsyncHandlerCompleted(task)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Runs a queued continuation with the async handler's envelope as the current one.</summary>
    internal void RunWithAsyncContext(Action action)
    {
        var saved = _currentEnvelope;
        _currentEnvelope = _asyncEnvelope;
        try
        {
            action();
        }
        finally
        {
            _currentEnvelope = saved;
        }
    }

    private void CompleteAsyncHandler(Task task)
    {
        if (!_awaitingAsync)
        {
            return;
        }

        _awaitingAsync = false;
        _currentEnvelope = _asyncEnvelope;
        ThrowIfFailed(task);
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted)
        {
            var exception = task.Exception!;
            ExceptionDispatchInfo.Throw(exception.InnerExceptions.Count == 1 ? exception.InnerException! : exception);
        }

        if (task.IsCanceled)
        {
            throw new TaskCanceledException(task);
        }
    }
}

/// <summary>Receive-timeout tick; stale generations are ignored.</summary>
internal sealed class ReceiveTimeoutTick(int generation) : IInternalSignal, INotInfluenceReceiveTimeout, Akka.Event.IDeadLetterSuppression
{
    public int Generation { get; } = generation;
}

/// <summary>Runs ReceiveAsync continuations inside their actor (queued as system messages).</summary>
internal sealed class ActorTaskScheduler(ActorCell cell) : TaskScheduler
{
    protected override void QueueTask(Task task) => cell.SendSystemMessage(new RunTask(task, this));

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(ActorCell.Current, cell) && TryExecuteTask(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    internal void RunInline(Task task) => cell.RunWithAsyncContext(() => TryExecuteTask(task));

    /// <summary>The actor stopped: let the continuation finish on the thread pool rather than hang.</summary>
    internal void RunDetached(Task task) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Item1.TryExecuteTask(state.Item2), (this, task), preferLocal: false);
}
