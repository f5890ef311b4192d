using System.Linq.Expressions;

namespace Akka.Actor;

/// <summary>
/// Immutable recipe for an actor: how to construct it (again on every restart) and which supervisor
/// strategy it applies to its own children. Dispatcher and mailbox names are kept but the kernel has a
/// single dispatcher and one mailbox kind.
/// </summary>
public class Props
{
    private static readonly object[] NoArgs = [];

    private readonly Func<ActorBase>? _factory;

    protected Props()
    {
        Type = typeof(EmptyActor);
        Arguments = NoArgs;
        Dispatcher = "akka.actor.default-dispatcher";
        Mailbox = "akka.actor.default-mailbox";
    }

    protected Props(Props copy)
    {
        _factory = copy._factory;
        Type = copy.Type;
        Arguments = copy.Arguments;
        SupervisorStrategy = copy.SupervisorStrategy;
        Dispatcher = copy.Dispatcher;
        Mailbox = copy.Mailbox;
    }

    public Props(Type type, object[] args)
        : this()
    {
        Type = type;
        Arguments = args ?? NoArgs;
    }

    public Props(Type type)
        : this(type, NoArgs)
    {
    }

    public Props(Type type, SupervisorStrategy supervisorStrategy, params object[] args)
        : this(type, args)
    {
        SupervisorStrategy = supervisorStrategy;
    }

    private Props(Type type, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy)
        : this(type, NoArgs)
    {
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    public static Props Empty { get; } = new();

    public static readonly Props None = null!;

    public object[] Arguments { get; private set; }

    public string Dispatcher { get; private set; }

    public string Mailbox { get; private set; }

    /// <summary>Strategy this actor applies to its children; takes precedence over the actor's override.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; set; }

    public Type Type { get; private set; }

    public string TypeName => Type.AssemblyQualifiedName ?? Type.FullName ?? Type.Name;

    public static Props Create<TActor>(Expression<Func<TActor>> factory, SupervisorStrategy? supervisorStrategy = null)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        var compiled = factory.Compile();
        return new Props(typeof(TActor), () => compiled(), supervisorStrategy);
    }

    public static Props Create<TActor>(params object[] args)
        where TActor : ActorBase =>
        new(typeof(TActor), args);

    public static Props Create<TActor>(SupervisorStrategy supervisorStrategy)
        where TActor : ActorBase, new() =>
        new(typeof(TActor), () => new TActor(), supervisorStrategy);

    public static Props Create(Type type, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(ActorBase).IsAssignableFrom(type))
        {
            throw new ArgumentException($"Type {type} is not an actor (it does not derive from ActorBase).", nameof(type));
        }

        return new Props(type, args);
    }

    /// <summary>Constructs a new actor instance; called by the cell on start and on every restart.</summary>
    public virtual ActorBase NewActor()
    {
        if (_factory is not null)
        {
            return _factory();
        }

        return (ActorBase)Activator.CreateInstance(Type, Arguments)!;
    }

    public Props WithSupervisorStrategy(SupervisorStrategy supervisorStrategy)
    {
        var copy = Copy();
        copy.SupervisorStrategy = supervisorStrategy;
        return copy;
    }

    public Props WithDispatcher(string dispatcher)
    {
        var copy = Copy();
        copy.Dispatcher = dispatcher;
        return copy;
    }

    public Props WithMailbox(string mailbox)
    {
        var copy = Copy();
        copy.Mailbox = mailbox;
        return copy;
    }

    protected virtual Props Copy() => new(this);

    /// <summary>Props from a plain factory (runtime-internal actors; no expression compilation).</summary>
    internal static Props FromFactory<TActor>(Func<TActor> factory)
        where TActor : ActorBase =>
        new(typeof(TActor), () => factory(), null);

    public bool Equals(Props? other) =>
        other is not null
        && Type == other.Type
        && Equals(_factory, other._factory)
        && Arguments.SequenceEqual(other.Arguments)
        && Equals(SupervisorStrategy, other.SupervisorStrategy)
        && Dispatcher == other.Dispatcher
        && Mailbox == other.Mailbox;

    public override bool Equals(object? obj) => obj is Props p && Equals(p);

    public override int GetHashCode() => HashCode.Combine(Type, Dispatcher, Mailbox);

    /// <summary>Actor behind <see cref="Empty"/>: ignores everything.</summary>
    private sealed class EmptyActor : ActorBase
    {
        protected override bool Receive(object message) => true;
    }
}
