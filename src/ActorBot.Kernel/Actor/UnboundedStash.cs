namespace Akka.Actor;

/// <summary>
/// The stash injected into <see cref="IActorStash"/> actors. Unstashed messages go to the head of the
/// mailbox in their original order; the cell unstashes everything before a restart.
/// </summary>
internal sealed class UnboundedStash(ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> _stash = new();

    private readonly int _capacity = cell.SystemImpl.KernelSettings.StashCapacity;

    public int Capacity => _capacity < 0 ? int.MaxValue : _capacity;

    public int Count => _stash.Count;

    public bool IsEmpty => _stash.Count == 0;

    public bool IsFull => _stash.Count >= Capacity;

    public bool NonEmpty => _stash.Count > 0;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null)
        {
            throw new IllegalActorStateException("There is no current message to stash.");
        }

        if (_stash.Last is { } last && ReferenceEquals(last.Value.Message, current.Message))
        {
            throw new IllegalActorStateException($"Can't stash the same message {current.Message} more than once.");
        }

        if (_stash.Count >= Capacity)
        {
            throw new StashOverflowException(
                $"Couldn't stash {current.Message}: the stash holds {Capacity} messages (akka.actor.default-mailbox.stash-capacity).");
        }

        _stash.AddLast(current);
    }

    public void Unstash()
    {
        if (_stash.First is { } first)
        {
            _stash.RemoveFirst();
            cell.PrependToMailbox([first.Value]);
        }
    }

    public void UnstashAll()
    {
        if (_stash.Count == 0)
        {
            return;
        }

        var all = _stash.ToArray();
        _stash.Clear();
        cell.PrependToMailbox(all);
    }

    public void UnstashAll(Func<Envelope, bool> predicate)
    {
        var selected = _stash.Where(predicate).ToArray();
        if (selected.Length == 0)
        {
            return;
        }

        var rest = _stash.Where(e => !predicate(e)).ToArray();
        _stash.Clear();
        foreach (var envelope in rest)
        {
            _stash.AddLast(envelope);
        }

        cell.PrependToMailbox(selected);
    }

    public IEnumerable<Envelope> ClearStash()
    {
        var all = _stash.ToArray();
        _stash.Clear();
        return all;
    }

    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        foreach (var envelope in envelopes.Reverse())
        {
            _stash.AddFirst(envelope);
        }
    }
}
