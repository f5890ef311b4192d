namespace Akka.Actor;

/// <summary>
/// An actor configured with typed handlers, tried in registration order; the first that accepts a
/// message handles it, and a message nobody accepts goes to <c>Unhandled</c>. Handlers are registered
/// in the constructor or inside <see cref="Become(Action)"/>.
/// </summary>
public abstract class ReceiveActor : UntypedActor
{
    private readonly ReceiveHandlers _initial = new();
    private ReceiveHandlers? _configuring;

    protected ReceiveActor()
    {
        _configuring = _initial;
    }

    protected void Become(Action configure)
    {
        var handlers = Configure(configure);
        Become(message => HandleOrUnhandled(handlers, message));
    }

    protected void BecomeStacked(Action configure)
    {
        var handlers = Configure(configure);
        BecomeStacked(message => HandleOrUnhandled(handlers, message));
    }

    protected sealed override void OnReceive(object message) => HandleOrUnhandled(_initial, message);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Add(new ActionHandler<T>(handler, shouldHandle));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Add(new ActionHandler<T>(handler, shouldHandle));

    protected void Receive(Type messageType, Action<object> handler, Predicate<object>? shouldHandle = null) =>
        Add(new TypeHandler(messageType, handler, shouldHandle));

    protected void Receive(Type messageType, Predicate<object> shouldHandle, Action<object> handler) =>
        Add(new TypeHandler(messageType, handler, shouldHandle));

    protected void Receive<T>(Func<T, bool> handler) => Add(new FuncHandler<T>(handler));

    protected void ReceiveAny(Action<object> handler) => Add(new ActionHandler<object>(handler, null));

    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Add(new AsyncHandler<T>(this, handler, shouldHandle));

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) =>
        Add(new AsyncHandler<T>(this, handler, shouldHandle));

    protected void ReceiveAnyAsync(Func<object, Task> handler) => Add(new AsyncHandler<object>(this, handler, null));

    internal override void OnConstructed() => _configuring = null;

    private void HandleOrUnhandled(ReceiveHandlers handlers, object message)
    {
        if (!handlers.TryHandle(message))
        {
            Unhandled(message);
        }
    }

    private ReceiveHandlers Configure(Action configure)
    {
        var previous = _configuring;
        var handlers = new ReceiveHandlers();
        _configuring = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return handlers;
    }

    private void Add(IReceiveHandler handler)
    {
        if (_configuring is null)
        {
            throw new InvalidOperationException(
                "Receive handlers can only be registered in the actor's constructor or inside Become/BecomeStacked.");
        }

        _configuring.Add(handler);
    }

    /// <summary>One registered handler.</summary>
    private interface IReceiveHandler
    {
        bool TryHandle(object message);
    }

    /// <summary>Handlers of one behaviour in registration order.</summary>
    private sealed class ReceiveHandlers
    {
        private IReceiveHandler[] _handlers = [];

        public void Add(IReceiveHandler handler) => _handlers = [.. _handlers, handler];

        public bool TryHandle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler.TryHandle(message))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : IReceiveHandler
    {
        public bool TryHandle(object message)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class TypeHandler(Type type, Action<object> handler, Predicate<object>? shouldHandle) : IReceiveHandler
    {
        public bool TryHandle(object message)
        {
            if (type.IsInstanceOfType(message) && (shouldHandle is null || shouldHandle(message)))
            {
                handler(message);
                return true;
            }

            return false;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : IReceiveHandler
    {
        public bool TryHandle(object message) => message is T typed && handler(typed);
    }

    private sealed class AsyncHandler<T>(ReceiveActor owner, Func<T, Task> handler, Predicate<T>? shouldHandle) : IReceiveHandler
    {
        public bool TryHandle(object message)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                owner.RunAsyncHandler(() => handler(typed));
                return true;
            }

            return false;
        }
    }
}
