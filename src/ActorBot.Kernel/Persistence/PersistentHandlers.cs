namespace Akka.Persistence;

/// <summary>Typed handlers of a <see cref="ReceivePersistentActor"/> behaviour, tried in registration order.</summary>
internal sealed class PersistentHandlers
{
    private Func<object, bool>[] _handlers = [];

    public static Func<object, bool> Action<T>(Action<T> handler, Predicate<T>? shouldHandle) => message =>
    {
        if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
        {
            handler(typed);
            return true;
        }

        return false;
    };

    public static Func<object, bool> Func<T>(Func<T, bool> handler) => message => message is T typed && handler(typed);

    public void Add(Func<object, bool> handler) => _handlers = [.. _handlers, handler];

    public bool TryHandle(object message)
    {
        foreach (var handler in _handlers)
        {
            if (handler(message))
            {
                return true;
            }
        }

        return false;
    }
}
