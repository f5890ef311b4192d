namespace Akka.Persistence.Journal;

/// <summary>
/// <c>akka.persistence.journal.inmem</c>: the default journal, for tests. Same contract as the SQL journal:
/// atomic writes, a duplicate sequence number fails, deletes keep the highest sequence number.
/// </summary>
internal sealed class MemoryJournal : IEventJournal
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<long, PersistentEvent>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);

    public Task WriteAsync(IReadOnlyList<PersistentEvent> atomicWrite)
    {
        lock (_gate)
        {
            foreach (var e in atomicWrite)
            {
                if (_events.TryGetValue(e.PersistenceId, out var existing) && existing.ContainsKey(e.SequenceNr)
                    || (_highest.TryGetValue(e.PersistenceId, out var high) && e.SequenceNr <= high))
                {
                    return Task.FromException(new InvalidOperationException(
                        $"journal already holds persistence id '{e.PersistenceId}' at sequence number {e.SequenceNr}"));
                }
            }

            foreach (var e in atomicWrite)
            {
                if (!_events.TryGetValue(e.PersistenceId, out var events))
                {
                    _events[e.PersistenceId] = events = new SortedDictionary<long, PersistentEvent>();
                }

                events[e.SequenceNr] = e;
                _highest[e.PersistenceId] = Math.Max(e.SequenceNr, _highest.GetValueOrDefault(e.PersistenceId));
            }
        }

        return Task.CompletedTask;
    }

    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentEvent> onEvent)
    {
        List<PersistentEvent> selected;
        lock (_gate)
        {
            selected = _events.TryGetValue(persistenceId, out var events)
                ? events.Values.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr)
                    .Take((int)Math.Min(max, int.MaxValue)).ToList()
                : [];
        }

        foreach (var e in selected)
        {
            onEvent(e);
        }

        return Task.CompletedTask;
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId)
    {
        lock (_gate)
        {
            return Task.FromResult(_highest.GetValueOrDefault(persistenceId));
        }
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr)
    {
        lock (_gate)
        {
            if (_events.TryGetValue(persistenceId, out var events))
            {
                foreach (var seq in events.Keys.Where(s => s <= toSequenceNr).ToList())
                {
                    events.Remove(seq);
                }
            }
        }

        return Task.CompletedTask;
    }
}
