using Akka.Actor;

namespace Akka.Event;

/// <summary>Marker: messages not published as dead letters (PoisonPill, Terminated).</summary>
public interface IDeadLetterSuppression
{
}

/// <summary>Base of messages that could not be delivered or handled.</summary>
public abstract class AllDeadLetters : IWrappedMessage
{
    protected AllDeadLetters(object message, IActorRef sender, IActorRef recipient)
    {
        Message = message;
        Sender = sender;
        Recipient = recipient;
    }

    public object Message { get; }

    public IActorRef Recipient { get; }

    public IActorRef Sender { get; }

    public override string ToString() => $"{GetType().Name} from {Sender} to {Recipient}: <{Message}>";
}

/// <summary>A message sent to an actor that was stopped (or left in its mailbox when it stopped).</summary>
public sealed class DeadLetter : AllDeadLetters
{
    public DeadLetter(object message, IActorRef sender, IActorRef recipient)
        : base(message, sender, recipient)
    {
    }
}

/// <summary>A message the actor's behaviour did not handle.</summary>
public sealed class UnhandledMessage : AllDeadLetters, IWrappedMessage
{
    public UnhandledMessage(object message, IActorRef sender, IActorRef recipient)
        : base(message, sender, recipient)
    {
    }
}
