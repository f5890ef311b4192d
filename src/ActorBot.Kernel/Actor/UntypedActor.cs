namespace Akka.Actor;

/// <summary>An actor that handles every message in <see cref="OnReceive"/> (call <c>Unhandled</c> yourself).</summary>
public abstract class UntypedActor : ActorBase
{
    protected UntypedActor()
    {
    }

    protected static new IUntypedActorContext Context => ActorCell.CurrentContext();

    protected void Become(UntypedReceive receive) => Cell.Become(receive);

    protected void BecomeStacked(UntypedReceive receive) => Cell.BecomeStacked(receive);

    protected abstract void OnReceive(object message);

    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
