using Akka.Dispatch;

namespace Akka.Actor;

/// <summary>Actors with a stash; the runtime injects <see cref="Stash"/>.</summary>
public interface IActorStash
{
    IStash Stash { get; set; }
}

/// <summary>Stash without a capacity bound.</summary>
public interface IWithUnrestrictedStash : IActorStash
{
}

/// <summary>Requests an unbounded stash (and a deque-based mailbox, which every kernel mailbox is).</summary>
public interface IWithUnboundedStash : IActorStash, IWithUnrestrictedStash, IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>
{
}

/// <summary>Holds messages aside until <see cref="UnstashAll()"/> prepends them to the mailbox in original order.</summary>
public interface IStash
{
    int Capacity { get; }

    int Count { get; }

    bool IsEmpty { get; }

    bool IsFull { get; }

    bool NonEmpty { get; }

    IEnumerable<Envelope> ClearStash();

    void Prepend(IEnumerable<Envelope> envelopes);

    void Stash();

    void Unstash();

    void UnstashAll();

    void UnstashAll(Func<Envelope, bool> predicate);
}
