namespace Akka.Actor;

/// <summary>A message and its sender as they sit in a mailbox (a struct: no allocation per message).</summary>
public struct Envelope
{
    public Envelope(object message, IActorRef? sender, ActorSystem? system)
    {
        Message = message;
        Sender = sender!;
    }

    public Envelope(object message, IActorRef? sender)
    {
        Message = message;
        Sender = sender!;
    }

    public object Message { get; }

    public IActorRef Sender { get; }

    public override readonly string ToString() => $"<{Message?.GetType().Name}> : {Message} from {Sender}";
}
