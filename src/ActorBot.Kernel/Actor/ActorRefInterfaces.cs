namespace Akka.Actor;

/// <summary>Anything a message can be told to.</summary>
public interface ICanTell
{
    void Tell(object message, IActorRef sender);
}

/// <summary>An immutable, serializable handle to an actor.</summary>
public interface IActorRef : ICanTell, IComparable, IComparable<IActorRef>, IEquatable<IActorRef>
{
    ActorPath Path { get; }
}

/// <summary>Creates actors (the system for top-level actors, a context for children).</summary>
public interface IActorRefFactory
{
    IActorRef ActorOf(Props props, string? name = null);
}

/// <summary>DeathWatch: receive <see cref="Terminated"/> when a watched actor stops.</summary>
public interface ICanWatch
{
    IActorRef Unwatch(IActorRef subject);

    IActorRef Watch(IActorRef subject);

    IActorRef WatchWith(IActorRef subject, object message);
}

/// <summary>The actor's view of its cell, valid only while it processes a message or is being constructed.</summary>
public interface IActorContext : IActorRefFactory, ICanWatch
{
    IActorRef Parent { get; }

    Props Props { get; }

    TimeSpan? ReceiveTimeout { get; }

    IActorRef Self { get; }

    IActorRef Sender { get; }

    ActorSystem System { get; }

    void Become(Receive receive);

    void BecomeStacked(Receive receive);

    IActorRef Child(string name);

    IEnumerable<IActorRef> GetChildren();

    void SetReceiveTimeout(TimeSpan? timeout);

    void Stop(IActorRef child);

    void UnbecomeStacked();
}

/// <summary>Context with <see cref="UntypedReceive"/> behaviours.</summary>
public interface IUntypedActorContext : IActorContext, IActorRefFactory, ICanWatch
{
    void Become(UntypedReceive receive);

    void BecomeStacked(UntypedReceive receive);
}

/// <summary>A behaviour: returns true when it handled the message.</summary>
public delegate bool Receive(object message);

/// <summary>A behaviour that handles every message it is given.</summary>
public delegate void UntypedReceive(object message);
