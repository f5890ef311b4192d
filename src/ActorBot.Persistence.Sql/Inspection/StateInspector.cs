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
/// Read-only summary of a journal + snapshot store, for <c>actorbot state inspect</c>. Never creates tables:
/// pointing it at the wrong database reports that, it does not initialise one.
/// </summary>
public sealed class StateInspector
{
    private readonly SqlPersistenceOptions _options;

    public StateInspector(SqlPersistenceOptions options)
    {
        _options = options with { AutoInitialize = false };
    }

    public async Task<IReadOnlyList<PersistenceIdState>> InspectAsync(string? persistenceId = null, CancellationToken cancellationToken = default)
    {
        await using var database = new SqlDatabase(_options, SqlSchemaPart.None);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var filter = persistenceId is null ? string.Empty : "WHERE persistence_id = @pid";
        var states = new SortedDictionary<string, (long High, long Count, long Low, long Last)>(StringComparer.Ordinal);

        // Deleted rows still count for the highest sequence number (it never goes down) but not as live events.
        var live = database.Dialect.BooleanLiteral(false);
        await using (var command = connection.Command(
            $"SELECT persistence_id, MAX(sequence_number), SUM(CASE WHEN deleted = {live} THEN 1 ELSE 0 END), " +
            $"MIN(CASE WHEN deleted = {live} THEN sequence_number END), MAX(created) FROM {database.Journal} {filter} GROUP BY persistence_id"))
        {
            AddFilter(command, persistenceId);
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
        await using (var command = connection.Command(
            $"SELECT persistence_id, sequence_number, created, {Length(database)} FROM {database.Snapshot} {filter} ORDER BY persistence_id, sequence_number"))
        {
            AddFilter(command, persistenceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var pid = reader.GetString(0);
                if (!snapshots.TryGetValue(pid, out var list))
                {
                    snapshots[pid] = list = [];
                }

                list.Add(new SnapshotState(reader.GetInt64(1), new DateTime(reader.GetInt64(2), DateTimeKind.Utc), reader.GetInt64(3)));
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

    private static string Length(SqlDatabase database) =>
        database.Dialect.Provider == SqlProvider.Sqlite ? "length(snapshot)" : "octet_length(snapshot)";

    private static void AddFilter(DbCommand command, string? persistenceId)
    {
        if (persistenceId is not null)
        {
            command.With("@pid", persistenceId);
        }
    }
}
