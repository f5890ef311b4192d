using Akka.Actor;

namespace Akka.Persistence;

/// <summary>A persistent actor with one command handler and one recover handler.</summary>
public abstract class UntypedPersistentActor : Eventsourced
{
    protected UntypedPersistentActor()
    {
    }

    protected static new IUntypedActorContext Context => ActorCell.CurrentContext();

    /// <summary>Replaces the command handler.</summary>
    protected void Become(UntypedReceive receive) => Cell.Become(receive);

    protected void BecomeStacked(UntypedReceive receive) => Cell.BecomeStacked(receive);

    protected abstract void OnCommand(object message);

    protected abstract void OnRecover(object message);

    protected override bool Receive(object message) => ReceiveCommand(message);

    protected sealed override bool ReceiveCommand(object message)
    {
        OnCommand(message);
        return true;
    }

    protected sealed override bool ReceiveRecover(object message)
    {
        OnRecover(message);
        return true;
    }
}
