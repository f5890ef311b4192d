using Akka.Event;

namespace Akka.Actor;

/// <summary>An ordinary enqueued message: everything already queued is processed first, then the actor stops.</summary>
public sealed class PoisonPill : IAutoReceivedMessage, IPossiblyHarmful, IDeadLetterSuppression
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();

    public override string ToString() => "<PoisonPill>";
}

/// <summary>Enqueued like any message; when processed it throws <see cref="ActorKilledException"/>.</summary>
public sealed class Kill : IAutoReceivedMessage
{
    private Kill()
    {
    }

    public static Kill Instance { get; } = new();

    public override string ToString() => "<Kill>";
}

/// <summary>Delivered to the actor when its receive timeout elapsed without a message.</summary>
public class ReceiveTimeout : IPossiblyHarmful
{
    private ReceiveTimeout()
    {
    }

    public static ReceiveTimeout Instance { get; } = new();
}

/// <summary>Delivered to a watcher once the watched actor stopped for good.</summary>
public sealed class Terminated : IAutoReceivedMessage, INoSerializationVerificationNeeded, IPossiblyHarmful, IDeadLetterSuppression, IEquatable<Terminated>
{
    public Terminated(IActorRef actorRef, bool existenceConfirmed, bool addressTerminated)
    {
        ActorRef = actorRef;
        ExistenceConfirmed = existenceConfirmed;
        AddressTerminated = addressTerminated;
    }

    public IActorRef ActorRef { get; }

    public bool AddressTerminated { get; }

    public bool ExistenceConfirmed { get; }

    public bool Equals(Terminated? other) =>
        other is not null
        && ActorRef.Equals(other.ActorRef)
        && ExistenceConfirmed == other.ExistenceConfirmed
        && AddressTerminated == other.AddressTerminated;

    public override bool Equals(object? obj) => obj is Terminated t && Equals(t);

    public override int GetHashCode() => HashCode.Combine(ActorRef, ExistenceConfirmed, AddressTerminated);

    public override string ToString() => $"<Terminated>: {ActorRef} - ExistenceConfirmed={ExistenceConfirmed}";
}

/// <summary>Reply envelopes; a <see cref="Failure"/> reply faults an <c>Ask</c>.</summary>
public abstract class Status
{
    protected Status()
    {
    }

    public sealed class Failure : Status
    {
        public readonly Exception Cause;

        public Failure(Exception cause)
        {
            Cause = cause;
        }

        public override string ToString() => $"Failure: {Cause}";
    }

    public sealed class Success : Status
    {
        public readonly object? Status;

        public Success(object? status)
        {
            Status = status;
        }

        public override string ToString() => $"Success: {Status}";
    }
}
