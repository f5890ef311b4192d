using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using ActorBot.Persistence.Sql.Serialization;
using ActorBot.Persistence.Sql.Snapshot;

namespace ActorBot.Persistence.Sql.Plugin;

/// <summary>
/// The SQL snapshot store plugin:
/// <c>akka.persistence.snapshot-store.sql.class = "ActorBot.Persistence.Sql.Plugin.SqlSnapshotStore, ActorBot.Persistence.Sql"</c>.
/// </summary>
public sealed class SqlSnapshotStore : ISnapshotStorage, IAsyncDisposable
{
    private readonly SqlSnapshotStorage _storage;
    private readonly JsonPersistenceSerializer _serializer;

    public SqlSnapshotStore(Config config, ActorSystem system)
        : this(SqlPluginSettings.Snapshot(config), SqlPluginSettings.Serializer(config))
    {
        ArgumentNullException.ThrowIfNull(system);
    }

    internal SqlSnapshotStore(SqlPersistenceOptions options, JsonPersistenceSerializer serializer)
    {
        _storage = new SqlSnapshotStorage(options);
        _serializer = serializer;
    }

    async Task<SelectedSnapshot?> ISnapshotStorage.LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        var row = await _storage.LoadAsync(persistenceId, Range(criteria)).ConfigureAwait(false);
        return row is null
            ? null
            : new SelectedSnapshot(
                new SnapshotMetadata(persistenceId, row.SequenceNr, new DateTime(row.Created, DateTimeKind.Utc)),
                _serializer.Deserialize(row.Snapshot, row.Manifest));
    }

    Task ISnapshotStorage.SaveAsync(SnapshotMetadata metadata, object snapshot)
    {
        var payload = _serializer.Serialize(snapshot, out var manifest);
        return _storage.SaveAsync(new SnapshotRow(metadata.PersistenceId, metadata.SequenceNr, metadata.Timestamp.ToUniversalTime().Ticks, manifest, payload, JsonPersistenceSerializer.SerializerId));
    }

    Task ISnapshotStorage.DeleteAsync(SnapshotMetadata metadata) => _storage.DeleteAsync(metadata.PersistenceId, metadata.SequenceNr);

    Task ISnapshotStorage.DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria) => _storage.DeleteAsync(persistenceId, Range(criteria));

    public ValueTask DisposeAsync() => _storage.DisposeAsync();

    private static SnapshotRange Range(SnapshotSelectionCriteria criteria) =>
        new(criteria.MaxSequenceNr, Ticks(criteria.MaxTimeStamp), criteria.MinSequenceNr, criteria.MinTimestamp is { } min ? Ticks(min) : 0);

    // DateTime.MaxValue/MinValue are sentinels ("no bound"), not instants to convert between time zones.
    private static long Ticks(DateTime value) =>
        value == DateTime.MaxValue || value == DateTime.MinValue || value.Kind != DateTimeKind.Local ? value.Ticks : value.ToUniversalTime().Ticks;
}
