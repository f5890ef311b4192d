using Akka.Event;

namespace Akka.Actor;

/// <summary>
/// Base of every actor. Construct actors only through <see cref="Props"/>: the constructor binds the
/// instance to the cell that is creating it.
/// </summary>
/// <remarks>
/// Extension points for runtime layers built inside this assembly (Akka.Persistence's Eventsourced):
/// <list type="bullet">
/// <item>The public virtual <c>Around*</c> hooks run the lifecycle (<see cref="AroundPreStart"/>,
/// <see cref="AroundPreRestart"/>, <see cref="AroundPostRestart"/>, <see cref="AroundPostStop"/>) and
/// <see cref="AroundReceive"/> wraps every message; override them and call the base.</item>
/// <item><see cref="CurrentEnvelope"/> is the message being processed (with its sender);
/// <see cref="PrependToMailbox"/> puts envelopes back at the head of the mailbox in the given order
/// (an internal stash: stash <c>CurrentEnvelope</c> in a list, prepend the list to unstash).</item>
/// <item><see cref="RunAsyncHandler"/> runs a task-returning handler the way <c>ReceiveAsync</c> does:
/// no other user message is processed until the task completed, continuations run inside the actor's
/// context, and a fault is supervised like a synchronous exception.</item>
/// <item><see cref="OnConstructed"/> runs right after the constructor (before PreStart).</item>
/// </list>
/// The cell itself cancels <see cref="IWithTimers"/> timers and unstashes the user stash on restart,
/// so overrides that skip the base do not leak timers or stashed messages.
/// </remarks>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.ConstructingCell
            ?? throw new ActorInitializationException(
                "Do not create actors with 'new'; use ActorOf(Props.Create(...)) on a system or a context.");
        if (this is IWithTimers withTimers)
        {
            withTimers.Timers = new TimerScheduler(_cell);
        }

        if (this is IActorStash withStash)
        {
            withStash.Stash = new UnboundedStash(_cell);
        }
    }

    /// <summary>The context of the actor that is processing a message on this thread.</summary>
    protected static IActorContext Context => ActorCell.CurrentContext();

    protected IActorRef Self => _cell.Self;

    protected IActorRef Sender => _cell.Sender;

    internal ActorCell Cell => _cell;

    /// <summary>The envelope being processed (message and sender).</summary>
    internal Envelope CurrentEnvelope => _cell.CurrentEnvelope;

    public virtual void AroundPostRestart(Exception cause, object message) => PostRestart(cause);

    public virtual void AroundPostStop() => PostStop();

    public virtual void AroundPreRestart(Exception cause, object message) => PreRestart(cause, message);

    public virtual void AroundPreStart() => PreStart();

    /// <summary>Runs the current behaviour on a message; unhandled messages go to <see cref="Unhandled"/>.</summary>
    protected virtual bool AroundReceive(Receive receive, object message)
    {
        var handled = receive(message);
        if (!handled)
        {
            Unhandled(message);
        }

        return handled;
    }

    protected void Become(Receive receive) => _cell.Become(receive);

    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    protected void UnbecomeStacked() => _cell.UnbecomeStacked();

    protected void SetReceiveTimeout(TimeSpan? timeout) => _cell.SetReceiveTimeout(timeout);

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Default: unwatch and stop every child, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object message)
    {
        foreach (var child in _cell.GetChildren())
        {
            _cell.Unwatch(child);
            _cell.Stop(child);
        }

        PostStop();
    }

    /// <summary>Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    protected abstract bool Receive(object message);

    /// <summary>Strategy for this actor's children (when <see cref="Props.SupervisorStrategy"/> is not set).</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actor.SupervisorStrategy.DefaultStrategy;

    /// <summary>An unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    /// <summary>Called by the cell right after construction, before PreStart.</summary>
    internal virtual void OnConstructed()
    {
    }

    /// <summary>Puts envelopes back at the head of the mailbox, first one first.</summary>
    internal void PrependToMailbox(IEnumerable<Envelope> envelopes) => _cell.PrependToMailbox(envelopes);

    /// <summary>Runs a task-returning handler with ReceiveAsync semantics (see remarks).</summary>
    internal void RunAsyncHandler(Func<Task> handler) => _cell.RunAsync(handler);

    internal bool InvokeReceive(object message) => Receive(message);

    internal bool InvokeAroundReceive(Receive receive, object message) => AroundReceive(receive, message);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal SupervisorStrategy ResolveSupervisorStrategy() =>
        _cell.Props.SupervisorStrategy ?? SupervisorStrategy();
}
