namespace Akka.Persistence.Journal;

/// <summary>One event as the journal stores and replays it.</summary>
internal sealed record PersistentEvent(string PersistenceId, long SequenceNr, object Payload, string WriterGuid);

/// <summary>
/// The journal a persistent actor talks to (Akka.NET's <c>AsyncWriteJournal</c> contract without the actor):
/// selected by <c>akka.persistence.journal.plugin</c>, built-in <c>inmem</c> or a plugin class such as the SQL one.
/// </summary>
internal interface IEventJournal
{
    /// <summary>
    /// Writes one atomic write (all events or none); completes after it is durable. A fault with
    /// <see cref="JournalWriteRejectedException"/> means nothing was attempted (e.g. the event cannot be serialized);
    /// any other fault means the outcome is unknown.
    /// </summary>
    Task WriteAsync(IReadOnlyList<PersistentEvent> atomicWrite);

    /// <summary>Replays non-deleted events in order, at most <paramref name="max"/>, through <paramref name="onEvent"/>.</summary>
    Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentEvent> onEvent);

    /// <summary>The highest sequence number ever stored for the id (deletions do not lower it); 0 if none.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId);

    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr);
}

/// <summary>The journal refused a write before attempting it (serialization): the actor continues.</summary>
internal sealed class JournalWriteRejectedException(string message, Exception? inner = null) : Exception(message, inner);
