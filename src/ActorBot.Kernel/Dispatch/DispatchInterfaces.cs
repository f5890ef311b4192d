namespace Akka.Dispatch;

/// <summary>Marker for mailbox semantics.</summary>
public interface ISemantics
{
}

/// <summary>Mailbox without a bound.</summary>
public interface IUnboundedMessageQueueSemantics : ISemantics
{
}

/// <summary>Mailbox that can prepend (needed by stash).</summary>
public interface IDequeBasedMessageQueueSemantics : ISemantics
{
}

/// <summary>Unbounded deque mailbox; every kernel mailbox is one.</summary>
public interface IUnboundedDequeBasedMessageQueueSemantics : IDequeBasedMessageQueueSemantics, ISemantics, IUnboundedMessageQueueSemantics
{
}

/// <summary>An actor requests a mailbox with the semantics <typeparamref name="T"/>.</summary>
public interface IRequiresMessageQueue<T>
    where T : ISemantics
{
}

/// <summary>A unit of work for the thread pool or the scheduler.</summary>
public interface IRunnable : IThreadPoolWorkItem
{
    void Run();
}
