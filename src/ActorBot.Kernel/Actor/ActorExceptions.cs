namespace Akka.Actor;

/// <summary>Thrown when an actor's constructor or <c>PreStart</c> fails; the default decider stops the actor.</summary>
public class ActorInitializationException : AkkaException
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception cause)
        : base(message, cause)
    {
    }

    public ActorInitializationException(IActorRef actor, string message, Exception? cause = null)
        : base(message, cause)
    {
        Actor = actor;
    }

    public IActorRef? Actor { get; set; }

    public override string ToString() => Actor is null ? base.ToString() : $"{Actor}: {base.ToString()}";
}

/// <summary>Thrown inside an actor that processes <see cref="Kill"/>; the default decider stops it.</summary>
public class ActorKilledException : AkkaException
{
    public ActorKilledException()
    {
    }

    public ActorKilledException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown when a watcher does not handle a <see cref="Terminated"/> message; the default decider stops it.</summary>
public class DeathPactException : AkkaException
{
    public DeathPactException(IActorRef deadActor)
        : base("Monitored actor [" + deadActor + "] terminated")
    {
        DeadActor = deadActor;
    }

    public IActorRef DeadActor { get; }
}

/// <summary>Thrown by <c>ActorOf</c> for an invalid or already taken child name.</summary>
public class InvalidActorNameException : AkkaException
{
    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    public InvalidActorNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Faults an <c>Ask</c> task when no reply arrived in time or the target was already dead.</summary>
public class AskTimeoutException : AkkaException
{
    public AskTimeoutException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown for an actor-state misuse such as stashing the same message twice.</summary>
public class IllegalActorStateException : AkkaException
{
    public IllegalActorStateException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown when an actor stashes more than <c>akka.actor.default-mailbox.stash-capacity</c> messages.</summary>
public class StashOverflowException : AkkaException
{
    public StashOverflowException(string message, Exception? cause = null)
        : base(message, cause)
    {
    }
}
