using System.Data.Common;

namespace ActorBot.Persistence.Sql.Snapshot;

/// <summary>The snapshot table: save (one row per persistence id and sequence number), load the newest match, delete.</summary>
public sealed class SqlSnapshotStorage : IAsyncDisposable
{
    private readonly SqlDatabase _database;

    public SqlSnapshotStorage(SqlPersistenceOptions options)
    {
        _database = new SqlDatabase(options, SqlSchemaPart.Snapshot);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.InitializeAsync(cancellationToken);

    /// <summary>Saves the snapshot; saving again at the same sequence number replaces it (Akka semantics).</summary>
    public async Task SaveAsync(SnapshotRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"INSERT INTO {_database.Snapshot} (persistence_id, sequence_number, created, snapshot, manifest, serializer_id) " +
            "VALUES (@pid, @seq, @created, @snapshot, @manifest, @serializer) " +
            "ON CONFLICT (persistence_id, sequence_number) DO UPDATE SET created = excluded.created, snapshot = excluded.snapshot, " +
            "manifest = excluded.manifest, serializer_id = excluded.serializer_id")
            .With("@pid", row.PersistenceId).With("@seq", row.SequenceNr).With("@created", row.Created)
            .With("@snapshot", row.Snapshot).With("@manifest", row.Manifest).With("@serializer", row.SerializerId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The snapshot with the highest sequence number inside <paramref name="range"/>, or null.</summary>
    public async Task<SnapshotRow?> LoadAsync(string persistenceId, SnapshotRange range, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Where(connection,
            "SELECT sequence_number, created, manifest, snapshot, serializer_id FROM {0} WHERE {1} ORDER BY sequence_number DESC LIMIT 1",
            persistenceId, range);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SnapshotRow(
            persistenceId,
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetString(2),
            reader.GetFieldValue<byte[]>(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4));
    }

    /// <summary>Deletes every snapshot of the id inside <paramref name="range"/>; returns how many.</summary>
    public async Task<int> DeleteAsync(string persistenceId, SnapshotRange range, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Where(connection, "DELETE FROM {0} WHERE {1}", persistenceId, range);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the one snapshot at exactly <paramref name="sequenceNr"/>.</summary>
    public Task<int> DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default) =>
        DeleteAsync(persistenceId, new SnapshotRange(sequenceNr, long.MaxValue, sequenceNr), cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private DbCommand Where(DbConnection connection, string template, string persistenceId, SnapshotRange range) =>
        connection.Command(string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                template,
                _database.Snapshot,
                "persistence_id = @pid AND sequence_number <= @maxSeq AND sequence_number >= @minSeq AND created <= @maxTs AND created >= @minTs"))
            .With("@pid", persistenceId)
            .With("@maxSeq", range.MaxSequenceNr)
            .With("@minSeq", range.MinSequenceNr)
            .With("@maxTs", range.MaxCreatedTicks)
            .With("@minTs", range.MinCreatedTicks);
}
