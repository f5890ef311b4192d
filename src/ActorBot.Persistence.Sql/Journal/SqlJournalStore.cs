using System.Collections.Concurrent;

namespace ActorBot.Persistence.Sql.Journal;

/// <summary>
/// The journal table: batched writes, replay by persistence id and sequence range, the highest sequence number
/// (which never goes down, deleted or not), and deletion up to a sequence number.
/// </summary>
public sealed class SqlJournalStore : IAsyncDisposable
{
    private readonly SqlDatabase _database;
    private readonly JournalWriteBatcher _writer;

    // Reads for a persistence id wait for that id's writes still in flight, so a restarted actor
    // never recovers past a write its previous incarnation had not yet seen committed.
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();

    public SqlJournalStore(SqlPersistenceOptions options)
    {
        _database = new SqlDatabase(options, SqlSchemaPart.Journal);
        _writer = new JournalWriteBatcher(_database);
    }

    public SqlPersistenceOptions Options => _database.Options;

    /// <summary>Write transactions committed by this store instance.</summary>
    public long CommittedTransactions => _writer.CommittedTransactions;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.InitializeAsync(cancellationToken);

    /// <summary>Writes the rows atomically (all or none); completes once committed.</summary>
    public Task WriteAsync(IReadOnlyList<JournalRow> atomicWrite)
    {
        var task = _writer.WriteAsync(atomicWrite);
        if (atomicWrite.Count > 0)
        {
            var pid = atomicWrite[0].PersistenceId;
            _inFlight[pid] = task;
            _ = task.ContinueWith(
                t => ((ICollection<KeyValuePair<string, Task>>)_inFlight).Remove(new KeyValuePair<string, Task>(pid, t)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return task;
    }

    /// <summary>Streams non-deleted events in sequence order to <paramref name="onRow"/>; returns how many were replayed.</summary>
    public async Task<long> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<JournalRow> onRow, CancellationToken cancellationToken = default)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            return 0;
        }

        await AwaitInFlightAsync(persistenceId).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT sequence_number, manifest, message, identifier, writer_uuid, created, tags FROM {_database.Journal} " +
            $"WHERE persistence_id = @pid AND sequence_number >= @from AND sequence_number <= @to AND deleted = {_database.Dialect.BooleanLiteral(false)} " +
            "ORDER BY sequence_number LIMIT @max")
            .With("@pid", persistenceId).With("@from", fromSequenceNr).With("@to", toSequenceNr).With("@max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            onRow(new JournalRow(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetFieldValue<byte[]>(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
            count++;
        }

        return count;
    }

    /// <summary>The highest sequence number ever written for the id (0 if none); deletions do not lower it.</summary>
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        await AwaitInFlightAsync(persistenceId).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT MAX(sequence_number) FROM {_database.Journal} WHERE persistence_id = @pid").With("@pid", persistenceId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Deletes events up to <paramref name="toSequenceNr"/> (inclusive). As in Akka.Persistence.Sql, rows are
    /// marked deleted and all but the highest marked row are removed: that row keeps the highest sequence number.
    /// </summary>
    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        await AwaitInFlightAsync(persistenceId).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var yes = _database.Dialect.BooleanLiteral(true);
        await using (var mark = connection.Command(
            $"UPDATE {_database.Journal} SET deleted = {yes} WHERE persistence_id = @pid AND sequence_number <= @to", transaction)
            .With("@pid", persistenceId).With("@to", toSequenceNr))
        {
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var purge = connection.Command(
            $"DELETE FROM {_database.Journal} WHERE persistence_id = @pid AND deleted = {yes} AND sequence_number < " +
            $"(SELECT MAX(sequence_number) FROM {_database.Journal} WHERE persistence_id = @pid AND deleted = {yes})", transaction)
            .With("@pid", persistenceId))
        {
            await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AwaitInFlightAsync(string persistenceId)
    {
        if (_inFlight.TryGetValue(persistenceId, out var pending))
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (JournalWriteException)
            {
                // The writer already learned of the failure; a read only needs the write to be settled.
            }
        }
    }
}
