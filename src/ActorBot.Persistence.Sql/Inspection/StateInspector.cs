using System.Data.Common;

namespace ActorBot.Persistence.Sql.Inspection;

/// <summary>One persistence id as stored: journal extent and its snapshots.</summary>
public sealed record PersistenceIdState(
    string PersistenceId,
    long HighestSequenceNr,
    long EventCount,
    long LowestSequenceNr,
    DateTime? LastWrite,
    IReadOnlyList<SnapshotState> Snapshots);

/// <summary>One snapshot row: where it sits, when it was taken and how many payload bytes it holds.</summary>
public sealed record SnapshotState(long SequenceNr, DateTime Created, long SizeBytes);

/// <summary>
/// Read-only summary of Akka.Persistence.Sql's <c>journal</c> and <c>snapshot</c> tables (default table mapping), for
/// <c>actorbot state inspect</c>. Plain SQL, no actor system; never creates tables: pointing it at the wrong
/// database reports that, it does not initialise one.
/// </summary>
public sealed class StateInspector
{
    private readonly SqlPersistenceOptions _options;

    public StateInspector(SqlPersistenceOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public async Task<IReadOnlyList<PersistenceIdState>> InspectAsync(string? persistenceId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await DbConnections.OpenAsync(_options, cancellationToken).ConfigureAwait(false);
        var filter = persistenceId is null ? string.Empty : "WHERE persistence_id = @pid";
        var states = new SortedDictionary<string, (long High, long Count, long Low, long Last)>(StringComparer.Ordinal);

        // The plugin keeps the highest deleted row (flagged deleted) so the sequence number never goes down:
        // it counts for the highest sequence number but not as a live event. "created" holds UTC ticks.
        await using (var command = Command(
            connection,
            "SELECT persistence_id, MAX(sequence_number), SUM(CASE WHEN deleted THEN 0 ELSE 1 END), " +
            $"MIN(CASE WHEN deleted THEN NULL ELSE sequence_number END), MAX(created) FROM journal {filter} GROUP BY persistence_id",
            persistenceId))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states[reader.GetString(0)] = (
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.IsDBNull(3) ? 0 : reader.GetInt64(3),
                    reader.GetInt64(4));
            }
        }

        var snapshots = new Dictionary<string, List<SnapshotState>>(StringComparer.Ordinal);
        var length = _options.Provider == SqlProvider.Sqlite ? "length(snapshot)" : "octet_length(snapshot)";
        await using (var command = Command(
            connection,
            $"SELECT persistence_id, sequence_number, created, {length} FROM snapshot {filter} ORDER BY persistence_id, sequence_number",
            persistenceId))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var pid = reader.GetString(0);
                if (!snapshots.TryGetValue(pid, out var list))
                {
                    snapshots[pid] = list = [];
                }

                list.Add(new SnapshotState(reader.GetInt64(1), new DateTime(reader.GetInt64(2), DateTimeKind.Utc), Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
                if (!states.ContainsKey(pid))
                {
                    states[pid] = (0, 0, 0, 0);
                }
            }
        }

        return states.Select(pair => new PersistenceIdState(
                pair.Key,
                pair.Value.High,
                pair.Value.Count,
                pair.Value.Low,
                pair.Value.Last == 0 ? null : new DateTime(pair.Value.Last, DateTimeKind.Utc),
                snapshots.TryGetValue(pair.Key, out var list) ? list : []))
            .ToList();
    }

    private static DbCommand Command(DbConnection connection, string sql, string? persistenceId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (persistenceId is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@pid";
            parameter.Value = persistenceId;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
