using System.Collections;
using System.Collections.Concurrent;
using Akka.Actor;

namespace Akka.Hosting;

/// <summary>Read access to the actors registered by key type.</summary>
public interface IReadOnlyActorRegistry : IEnumerable<KeyValuePair<Type, IActorRef>>, IEnumerable
{
    IActorRef Get<TKey>();

    Task<IActorRef> GetAsync(Type key, CancellationToken ct = default);

    Task<IActorRef> GetAsync<TKey>(CancellationToken ct = default);

    bool TryGet(Type key, out IActorRef actor);

    bool TryGet<TKey>(out IActorRef actor);
}

/// <summary>Registers top-level actors under a key type so DI consumers can find them.</summary>
public interface IActorRegistry : IReadOnlyActorRegistry, IEnumerable<KeyValuePair<Type, IActorRef>>, IEnumerable
{
    void Register<TKey>(IActorRef actor, bool overwrite = false);

    bool TryRegister(Type key, IActorRef actor, bool overwrite = false);

    bool TryRegister<TKey>(IActorRef actor, bool overwrite = false);
}

/// <summary>One registry per actor system (<see cref="For"/>); thread-safe.</summary>
public class ActorRegistry : IActorRegistry, IReadOnlyActorRegistry, IEnumerable<KeyValuePair<Type, IActorRef>>, IEnumerable
{
    private readonly ConcurrentDictionary<Type, IActorRef> _actors = new();
    private readonly ConcurrentDictionary<Type, TaskCompletionSource<IActorRef>> _waiters = new();

    public ActorRegistry()
    {
    }

    public static ActorRegistry For(ActorSystem actorSystem)
    {
        var impl = actorSystem as ActorSystemImpl ?? throw new ArgumentException("Not a kernel actor system.", nameof(actorSystem));
        return (ActorRegistry)impl.Extensions.GetOrAdd(typeof(ActorRegistry), _ => new ActorRegistry());
    }

    public void Register<TKey>(IActorRef actor, bool overwrite = false)
    {
        if (!TryRegister<TKey>(actor, overwrite))
        {
            throw new DuplicateActorRegistryException(
                $"An actor is already registered under key {typeof(TKey)}: {_actors[typeof(TKey)]}. Pass overwrite: true to replace it.");
        }
    }

    public bool TryRegister<TKey>(IActorRef actor, bool overwrite = false) => TryRegister(typeof(TKey), actor, overwrite);

    public bool TryRegister(Type key, IActorRef actor, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        if (overwrite)
        {
            _actors[key] = actor;
        }
        else if (!_actors.TryAdd(key, actor))
        {
            return false;
        }

        if (_waiters.TryRemove(key, out var waiter))
        {
            waiter.TrySetResult(actor);
        }

        return true;
    }

    public IActorRef Get<TKey>() =>
        TryGet<TKey>(out var actor)
            ? actor
            : throw new MissingActorRegistryEntryException($"No actor is registered under key {typeof(TKey)}.");

    public bool TryGet<TKey>(out IActorRef actor) => TryGet(typeof(TKey), out actor);

    public bool TryGet(Type key, out IActorRef actor) => _actors.TryGetValue(key, out actor!);

    public Task<IActorRef> GetAsync<TKey>(CancellationToken ct = default) => GetAsync(typeof(TKey), ct);

    /// <summary>Completes when an actor is registered under <paramref name="key"/>.</summary>
    public Task<IActorRef> GetAsync(Type key, CancellationToken ct = default)
    {
        if (_actors.TryGetValue(key, out var actor))
        {
            return Task.FromResult(actor);
        }

        var waiter = _waiters.GetOrAdd(key, _ => new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_actors.TryGetValue(key, out actor))
        {
            waiter.TrySetResult(actor);
        }

        return waiter.Task.WaitAsync(ct);
    }

    public IEnumerator<KeyValuePair<Type, IActorRef>> GetEnumerator() => _actors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Registry misuse.</summary>
public class ActorRegistryException : Exception
{
    public ActorRegistryException(string message)
        : base(message)
    {
    }

    public ActorRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A key was registered twice without overwrite.</summary>
public sealed class DuplicateActorRegistryException : ActorRegistryException
{
    public DuplicateActorRegistryException(string message)
        : base(message)
    {
    }

    public DuplicateActorRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>No actor is registered under the requested key.</summary>
public sealed class MissingActorRegistryEntryException : ActorRegistryException
{
    public MissingActorRegistryEntryException(string message)
        : base(message)
    {
    }

    public MissingActorRegistryEntryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>DI handle to the actor registered under <typeparamref name="TActor"/>.</summary>
public interface IRequiredActor<TActor>
{
    IActorRef ActorRef { get; }
}

/// <summary>Resolves <see cref="IRequiredActor{TActor}"/> from the registry.</summary>
public sealed class RequiredActor<TActor> : IRequiredActor<TActor>
{
    private readonly IReadOnlyActorRegistry _registry;

    public RequiredActor(IReadOnlyActorRegistry registry)
    {
        _registry = registry;
    }

    public IActorRef ActorRef => _registry.Get<TActor>();

    public Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) => _registry.GetAsync<TActor>(cancellationToken);
}
