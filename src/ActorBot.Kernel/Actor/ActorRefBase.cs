using Akka.Dispatch.SysMsg;

namespace Akka.Actor;

/// <summary>
/// Base of the kernel's actor references: equality and ordering by path, <see cref="Tell"/> funnels into
/// <see cref="TellInternal"/>. System messages (watch, supervision) travel through the internal
/// <c>SendSystemMessage</c>; a reference that is not backed by a live cell answers a watch at once.
/// </summary>
public abstract class ActorRefBase : IActorRef
{
    protected ActorRefBase()
    {
    }

    public abstract ActorPath Path { get; }

    /// <summary>True once the referenced actor can no longer receive (stopped cell, completed Ask).</summary>
    internal virtual bool IsTerminatedRef => false;

    public void Tell(object message, IActorRef sender) => TellInternal(message, sender);

    protected abstract void TellInternal(object message, IActorRef sender);

    /// <summary>Delivers a system message; the default treats the target as dead for DeathWatch.</summary>
    internal virtual void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch && ReferenceEquals(watch.Watchee, this))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
        }
    }

    public int CompareTo(object? obj) => obj is IActorRef other ? CompareTo(other) : 1;

    public int CompareTo(IActorRef? other) => other is null ? 1 : Path.CompareTo(other.Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public bool Equals(IActorRef? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        var otherInternal = other.AsInternal();
        if (ReferenceEquals(this, otherInternal))
        {
            return true;
        }

        return Path.Uid == other.Path.Uid && Path.Equals(other.Path);
    }

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => Path.Uid == 0 ? $"[{Path}]" : $"[{Path}#{Path.Uid}]";
}

/// <summary>Base of references that take part in the runtime's internal protocol.</summary>
public abstract class InternalActorRefBase : ActorRefBase, IActorRefScope
{
    protected InternalActorRefBase()
    {
    }

    public abstract bool IsLocal { get; }
}

/// <summary>A reference that ignores everything (base of <see cref="Nobody"/>).</summary>
public abstract class MinimalActorRef : InternalActorRefBase, IActorRefScope
{
    protected MinimalActorRef()
    {
    }

    public override bool IsLocal => true;

    protected override void TellInternal(object message, IActorRef sender)
    {
    }
}

/// <summary>The reference that is no actor; messages to it vanish.</summary>
public sealed class Nobody : MinimalActorRef
{
    public static Nobody Instance = new();

    private static readonly ActorPath NobodyPath =
        new ChildActorPathImpl(new RootActorPathImpl(new Address("akka", "all-systems")), "Nobody", 0);

    private Nobody()
    {
    }

    public override ActorPath Path => NobodyPath;

    internal override bool IsTerminatedRef => true;
}

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>Use as sender when there is none; the receiver sees <c>DeadLetters</c> as its Sender.</summary>
    public static readonly IActorRef NoSender = null!;

    public static readonly Nobody Nobody = Nobody.Instance;
}

/// <summary>Helpers on references.</summary>
public static class ActorRefExtensions
{
    public static bool IsNobody(this IActorRef actorRef) => actorRef is null || actorRef is Nobody;

    public static IActorRef GetOrElse(this IActorRef actorRef, Func<IActorRef> elseValue) =>
        actorRef.IsNobody() ? elseValue() : actorRef;
}

/// <summary>Tell and Forward with the current actor (or the TestKit's test actor) as implicit sender.</summary>
public static class ActorRefImplicitSenderExtensions
{
    public static void Tell(this IActorRef receiver, object message) =>
        receiver.Tell(message, ActorCell.ImplicitSender());

    public static void Forward(this IActorRef receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Sender ?? ActorRefs.NoSender);
}

/// <summary>Lets a type that is not an <see cref="ActorRefBase"/> (the TestKit's probe) expose the reference it wraps.</summary>
internal interface IActorRefWrapper
{
    IActorRef Underlying { get; }
}

/// <summary>Resolves any <see cref="IActorRef"/> to the kernel reference behind it.</summary>
internal static class ActorRefInternals
{
    public static ActorRefBase? AsInternal(this IActorRef? actorRef)
    {
        while (true)
        {
            switch (actorRef)
            {
                case ActorRefBase b:
                    return b;
                case IActorRefWrapper w:
                    actorRef = w.Underlying;
                    continue;
                default:
                    return null;
            }
        }
    }
}
