using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Journal;
using ActorBot.Persistence.Sql.Journal;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Persistence.Sql.Plugin;

/// <summary>
/// The SQL journal plugin: <c>akka.persistence.journal.sql.class = "ActorBot.Persistence.Sql.Plugin.SqlJournal, ActorBot.Persistence.Sql"</c>.
/// Events are serialized on the caller's thread, so an event JSON cannot write is rejected (the actor continues)
/// before anything reaches the database.
/// </summary>
public sealed class SqlJournal : IEventJournal, IAsyncDisposable
{
    private readonly SqlJournalStore _store;
    private readonly JsonPersistenceSerializer _serializer;

    public SqlJournal(Config config, ActorSystem system)
        : this(SqlPluginSettings.Journal(config), SqlPluginSettings.Serializer(config))
    {
        ArgumentNullException.ThrowIfNull(system);
    }

    internal SqlJournal(SqlPersistenceOptions options, JsonPersistenceSerializer serializer)
    {
        _store = new SqlJournalStore(options);
        _serializer = serializer;
    }

    Task IEventJournal.WriteAsync(IReadOnlyList<PersistentEvent> atomicWrite)
    {
        var created = DateTime.UtcNow.Ticks;
        var rows = new JournalRow[atomicWrite.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = atomicWrite[i];
            byte[] payload;
            string manifest;
            try
            {
                payload = _serializer.Serialize(e.Payload, out manifest);
            }
            catch (PersistenceSerializationException rejected)
            {
                return Task.FromException(new JournalWriteRejectedException(rejected.Message, rejected));
            }

            rows[i] = new JournalRow(e.PersistenceId, e.SequenceNr, manifest, payload, JsonPersistenceSerializer.SerializerId, e.WriterGuid, created);
        }

        return _store.WriteAsync(rows);
    }

    Task IEventJournal.ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentEvent> onEvent) =>
        _store.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, row =>
            onEvent(new PersistentEvent(persistenceId, row.SequenceNr, _serializer.Deserialize(row.Message, row.Manifest), row.WriterUuid ?? string.Empty)));

    Task<long> IEventJournal.ReadHighestSequenceNrAsync(string persistenceId) => _store.ReadHighestSequenceNrAsync(persistenceId);

    Task IEventJournal.DeleteMessagesToAsync(string persistenceId, long toSequenceNr) => _store.DeleteMessagesToAsync(persistenceId, toSequenceNr);

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
