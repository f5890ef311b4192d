using System.Collections.Concurrent;
using Akka.Dispatch.SysMsg;

namespace Akka.Actor;

/// <summary>
/// The runtime behind one actor: its mailbox (a lock-free user queue of struct envelopes plus a
/// separate system queue processed first), its place in the hierarchy, supervision, DeathWatch and the
/// actor instance. The cell is its own thread-pool work item: a Tell enqueues and, if the cell is idle,
/// schedules it; one run processes pending system messages and then up to <c>throughput</c> user
/// messages. Fields below the mailbox are touched only by the thread running the cell.
/// </summary>
internal sealed partial class ActorCell : IUntypedActorContext, IThreadPoolWorkItem
{
    [ThreadStatic]
    private static ActorCell? t_current;

    [ThreadStatic]
    private static ActorCell? t_constructing;

    [ThreadStatic]
    private static IActorRef? t_implicitSenderOutsideActors;

    private readonly ActorSystemImpl _system;
    private readonly ActorCell? _parent;
    private readonly LocalActorRef _self;
    private readonly Props _props;
    private readonly int _throughput;

    private readonly ConcurrentQueue<Envelope> _userQueue = new();
    private readonly ConcurrentQueue<SystemMessage> _systemQueue = new();
    private readonly LinkedList<Envelope> _prepended = new();
    private MailboxStatus _status;

    private readonly List<Receive> _behaviors = new(2);
    private ActorBase? _actor;
    private Envelope _currentEnvelope;
    private bool _created;
    private int _suspendCount;
    private bool _faulted;
    private Exception? _failureCause;
    private bool _terminating;
    private Exception? _pendingRestart;

    private bool MailboxClosed => Volatile.Read(ref _status.Closed) != 0;

    public ActorCell(ActorSystemImpl system, Props props, ActorCell? parent, ActorPath path)
    {
        _system = system;
        _props = props;
        _parent = parent;
        _throughput = system.KernelSettings.Throughput;
        _self = new LocalActorRef(this, path);
    }

    /// <summary>The cell running on this thread (null outside actors).</summary>
    internal static ActorCell? Current => t_current;

    /// <summary>The cell whose actor instance is being constructed on this thread.</summary>
    internal static ActorCell? ConstructingCell => t_constructing;

    /// <summary>Sender used by <c>Tell(msg)</c> outside any actor (the TestKit sets its test actor here).</summary>
    internal static IActorRef? ImplicitSenderOutsideActors
    {
        get => t_implicitSenderOutsideActors;
        set => t_implicitSenderOutsideActors = value;
    }

    public ActorSystemImpl SystemImpl => _system;

    public ActorSystem System => _system;

    public IActorRef Self => _self;

    internal LocalActorRef SelfRef => _self;

    public IActorRef Parent => (IActorRef?)_parent?._self ?? ActorRefs.Nobody;

    public Props Props => _props;

    public IActorRef Sender => _currentEnvelope.Sender ?? _system.DeadLetters;

    internal Envelope CurrentEnvelope => _currentEnvelope;

    internal ActorBase? Actor => _actor;

    internal bool IsTerminated => MailboxClosed;

    internal static IActorRef ImplicitSender() => t_current?._self ?? t_implicitSenderOutsideActors ?? ActorRefs.NoSender;

    internal static ActorCell CurrentContext() =>
        t_current ?? throw new NotSupportedException(
            "There is no active ActorContext. Context is only valid inside an actor's constructor and message "
            + "handling, not in Task continuations that run outside the actor.");

    /// <summary>Enqueues a user message; after the cell stopped it becomes a dead letter.</summary>
    public void Post(in Envelope envelope)
    {
        if (MailboxClosed)
        {
            _system.PublishDeadLetter(envelope.Message, envelope.Sender, _self);
            return;
        }

        _userQueue.Enqueue(envelope);
        if (MailboxClosed)
        {
            DrainUserQueueToDeadLetters();
            return;
        }

        ScheduleIfIdle(preferLocal: false);
    }

    /// <summary>Enqueues a system message; after the cell stopped it is answered as by a dead actor.</summary>
    public void SendSystemMessage(SystemMessage message)
    {
        if (MailboxClosed)
        {
            HandleDeadSystemMessage(message);
            return;
        }

        _systemQueue.Enqueue(message);
        Interlocked.Increment(ref _status.SystemPending);
        if (MailboxClosed)
        {
            DrainSystemQueueAsDead();
            return;
        }

        ScheduleIfIdle(preferLocal: false);
    }

    private void ScheduleIfIdle(bool preferLocal)
    {
        if (Volatile.Read(ref _status.Scheduled) == 0 && Interlocked.CompareExchange(ref _status.Scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal);
        }
    }

    /// <summary>One mailbox run: system messages first, then up to <c>throughput</c> user messages.</summary>
    public void Execute()
    {
        var previous = t_current;
        t_current = this;
        try
        {
            ProcessSystemQueue();
            var left = _throughput;
            while (left > 0 && CanProcessUserMessages && TryDequeueUser(out var envelope))
            {
                left--;
                Invoke(envelope);
                if (Volatile.Read(ref _status.SystemPending) != 0)
                {
                    ProcessSystemQueue();
                }
            }
        }
        catch (Exception ex)
        {
            // Failures are handled per message; this only guards the thread pool (an exception escaping a
            // work item would take the process down) against a failure inside the failure handling itself.
            try
            {
                _system.LogError(ex, $"Internal error while running the mailbox of {_self}.");
            }
            catch (Exception)
            {
                // Nothing more can be done without risking the process.
            }
        }
        finally
        {
            t_current = previous;
            // A full fence (not a release write): the queue re-check below must not be reordered before
            // this store, or a sender that saw "scheduled" and a run that saw "empty" would both back off.
            Interlocked.Exchange(ref _status.Scheduled, 0);
            if (HasPendingWork())
            {
                ScheduleIfIdle(preferLocal: true);
            }
        }
    }

    private bool CanProcessUserMessages =>
        _actor is not null && _created && !_faulted && !_terminating && _suspendCount == 0 && !_awaitingAsync
        && _pendingRestart is null;

    private bool HasPendingWork() =>
        Volatile.Read(ref _status.SystemPending) != 0
        || (!MailboxClosed && CanProcessUserMessages && (_prepended.Count > 0 || !_userQueue.IsEmpty));

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_prepended.Count > 0)
        {
            envelope = _prepended.First!.Value;
            _prepended.RemoveFirst();
            return true;
        }

        return _userQueue.TryDequeue(out envelope);
    }

    /// <summary>Puts envelopes at the head of the mailbox, first one first (unstash).</summary>
    internal void PrependToMailbox(IEnumerable<Envelope> envelopes)
    {
        var list = envelopes as IList<Envelope> ?? envelopes.ToList();
        for (var i = list.Count - 1; i >= 0; i--)
        {
            _prepended.AddFirst(list[i]);
        }
    }

    private void Invoke(Envelope envelope)
    {
        _currentEnvelope = envelope;
        var message = envelope.Message;
        try
        {
            if (message is IAutoReceivedMessage or IInternalSignal)
            {
                AutoReceive(message);
            }
            else
            {
                ReceiveMessage(message);
                if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
                {
                    ResetReceiveTimeout();
                }
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        actor.InvokeAroundReceive(_behaviors[^1], message);
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case Terminated terminated:
                var watched = terminated.ActorRef.AsInternal();
                if (watched is not null && _terminatedQueued is not null && _terminatedQueued.Remove(watched))
                {
                    ReceiveMessage(terminated);
                }

                break;
            case PoisonPill:
                HandleTerminate();
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case TimerScheduler.TimerMessage timerMessage:
                if (_actor is IWithTimers { Timers: TimerScheduler timers } && timers.Intercept(timerMessage) is { } payload)
                {
                    ReceiveMessage(payload);
                    if (_receiveTimeout is not null && payload is not INotInfluenceReceiveTimeout)
                    {
                        ResetReceiveTimeout();
                    }
                }

                break;
            case ReceiveTimeoutTick tick:
                if (tick.Generation == _receiveTimeoutGeneration && _receiveTimeout is not null)
                {
                    ReceiveMessage(Akka.Actor.ReceiveTimeout.Instance);
                    ResetReceiveTimeout();
                }

                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    private void ProcessSystemQueue()
    {
        while (_systemQueue.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _status.SystemPending);
            try
            {
                HandleSystemMessage(message);
            }
            catch (Exception ex)
            {
                HandleInvokeFailure(ex);
            }
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Create:
                CreateActor();
                break;
            case Recreate recreate:
                FaultRecreate(recreate.Cause);
                break;
            case Suspend:
                _suspendCount++;
                ForEachChild(static child => child.SendSystemMessage(Dispatch.SysMsg.Suspend.Instance));
                break;
            case Resume resume:
                HandleResume(resume);
                break;
            case Terminate:
                HandleTerminate();
                break;
            case Watch watch:
                AddWatcher(watch);
                break;
            case Unwatch unwatch:
                RemoveWatcher(unwatch);
                break;
            case DeathWatchNotification notification:
                WatchedActorTerminated(notification.Actor);
                break;
            case ChildTerminated childTerminated:
                HandleChildTerminated(childTerminated.Child);
                break;
            case Failed failed:
                HandleFailed(failed);
                break;
            case RunTask runTask:
                runTask.Scheduler.RunInline(runTask.Task);
                break;
            case AsyncHandlerCompleted completed:
                CompleteAsyncHandler(completed.Task);
                break;
        }
    }

    private void CreateActor()
    {
        try
        {
            _actor = NewActor();
            _created = true;
            _actor.AroundPreStart();
        }
        catch (Exception ex)
        {
            _created = true;
            HandleInvokeFailure(ex as ActorInitializationException
                ?? new ActorInitializationException(_self, $"Exception during creation of {_self}", ex));
        }
    }

    private ActorBase NewActor()
    {
        _behaviors.Clear();
        var previous = t_constructing;
        t_constructing = this;
        ActorBase instance;
        try
        {
            instance = _props.NewActor();
        }
        finally
        {
            t_constructing = previous;
        }

        _behaviors.Add(instance.InvokeReceive);
        instance.OnConstructed();
        return instance;
    }

    public void Become(Receive receive)
    {
        if (_behaviors.Count > 0)
        {
            _behaviors[^1] = receive;
        }
        else
        {
            _behaviors.Add(receive);
        }
    }

    public void BecomeStacked(Receive receive) => _behaviors.Add(receive);

    public void Become(UntypedReceive receive) => Become(Wrap(receive));

    public void BecomeStacked(UntypedReceive receive) => BecomeStacked(Wrap(receive));

    public void UnbecomeStacked()
    {
        if (_behaviors.Count > 1)
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }
    }

    private static Receive Wrap(UntypedReceive receive) => message =>
    {
        receive(message);
        return true;
    };

    private void DrainUserQueueToDeadLetters()
    {
        while (_userQueue.TryDequeue(out var envelope))
        {
            _system.PublishDeadLetter(envelope.Message, envelope.Sender, _self);
        }
    }

    private void DrainSystemQueueAsDead()
    {
        while (_systemQueue.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _status.SystemPending);
            HandleDeadSystemMessage(message);
        }
    }

    /// <summary>A system message for a stopped actor: a watch is answered at once, the rest is dropped.</summary>
    private void HandleDeadSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch when !ReferenceEquals(watch.Watcher, _self):
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: false));
                break;
            case RunTask runTask:
                runTask.Scheduler.RunDetached(runTask.Task);
                break;
        }
    }

    public override string ToString() => _self.ToString();
}

/// <summary>
/// Mailbox flags that senders read on every Tell, padded onto their own cache line so the consumer's
/// per-message writes to the cell (current envelope) do not invalidate them (false sharing).
/// </summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 192)]
internal struct MailboxStatus
{
    [System.Runtime.InteropServices.FieldOffset(64)]
    public int Scheduled;

    [System.Runtime.InteropServices.FieldOffset(68)]
    public int Closed;

    [System.Runtime.InteropServices.FieldOffset(128)]
    public int SystemPending;
}

/// <summary>Internal user-queue messages the cell handles before the actor sees them.</summary>
internal interface IInternalSignal
{
}
