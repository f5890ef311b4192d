namespace Akka.Persistence;

/// <summary>
/// A persistent actor configured with typed handlers: <c>Command&lt;T&gt;</c> for commands, <c>Recover&lt;T&gt;</c> for
/// replayed events, snapshot offers and <see cref="RecoveryCompleted"/>. Handlers are tried in registration order;
/// they are registered in the constructor (commands also inside <c>Become</c>).
/// </summary>
public abstract class ReceivePersistentActor : UntypedPersistentActor
{
    private readonly PersistentHandlers _commands = new();
    private readonly PersistentHandlers _recover = new();
    private PersistentHandlers? _configuringCommands;
    private bool _constructing = true;

    protected ReceivePersistentActor()
    {
        _configuringCommands = _commands;
    }

    protected void Become(Action configure)
    {
        var handlers = Configure(configure);
        Become(message => HandleCommand(handlers, message));
    }

    protected void BecomeStacked(Action configure)
    {
        var handlers = Configure(configure);
        BecomeStacked(message => HandleCommand(handlers, message));
    }

    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        CommandHandlers().Add(PersistentHandlers.Action(handler, shouldHandle));

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        CommandHandlers().Add(PersistentHandlers.Action(handler, shouldHandle));

    protected void Command<T>(Func<T, bool> handler) => CommandHandlers().Add(PersistentHandlers.Func(handler));

    protected void CommandAny(Action<object> handler) => CommandHandlers().Add(PersistentHandlers.Action<object>(handler, null));

    protected sealed override void OnCommand(object message) => HandleCommand(_commands, message);

    protected sealed override void OnRecover(object message)
    {
        if (!_recover.TryHandle(message))
        {
            Unhandled(message);
        }
    }

    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        RecoverHandlers().Add(PersistentHandlers.Action(handler, shouldHandle));

    protected void Recover<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        RecoverHandlers().Add(PersistentHandlers.Action(handler, shouldHandle));

    protected void RecoverAny(Action<object> handler) => RecoverHandlers().Add(PersistentHandlers.Action<object>(handler, null));

    internal override void OnConstructed()
    {
        _constructing = false;
        _configuringCommands = null;
    }

    private void HandleCommand(PersistentHandlers handlers, object message)
    {
        if (!handlers.TryHandle(message))
        {
            Unhandled(message);
        }
    }

    private PersistentHandlers Configure(Action configure)
    {
        var previous = _configuringCommands;
        var handlers = new PersistentHandlers();
        _configuringCommands = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuringCommands = previous;
        }

        return handlers;
    }

    private PersistentHandlers CommandHandlers() =>
        _configuringCommands ?? throw new InvalidOperationException(
            "Command handlers can only be registered in the actor's constructor or inside Become/BecomeStacked.");

    private PersistentHandlers RecoverHandlers() =>
        _constructing ? _recover : throw new InvalidOperationException("Recover handlers can only be registered in the actor's constructor.");
}
