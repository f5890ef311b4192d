using System.Data.Common;
using ActorBot.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorBot.Persistence.Tests.Infrastructure;

public sealed record StoredJournalRow(long SequenceNr, byte[] Message, int? Identifier, string? Manifest, bool Deleted);

public sealed record StoredSnapshotRow(long SequenceNr, byte[] Snapshot, int? SerializerId, string? Manifest);

/// <summary>Reads the plugin's tables with plain SQL, to check what it really stored (not what it reads back).</summary>
public static class StoredRows
{
    public static async Task<IReadOnlyList<StoredJournalRow>> JournalAsync(SqlPersistenceOptions options, string persistenceId)
    {
        var rows = new List<StoredJournalRow>();
        await using var connection = await OpenAsync(options);
        await using var command = Command(connection, "SELECT sequence_number, message, identifier, manifest, deleted FROM journal WHERE persistence_id = @pid ORDER BY sequence_number", persistenceId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredJournalRow(
                reader.GetInt64(0),
                (byte[])reader.GetValue(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetBoolean(4)));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<StoredSnapshotRow>> SnapshotsAsync(SqlPersistenceOptions options, string persistenceId)
    {
        var rows = new List<StoredSnapshotRow>();
        await using var connection = await OpenAsync(options);
        await using var command = Command(connection, "SELECT sequence_number, snapshot, serializer_id, manifest FROM snapshot WHERE persistence_id = @pid ORDER BY sequence_number", persistenceId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredSnapshotRow(
                reader.GetInt64(0),
                (byte[])reader.GetValue(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    public static async Task<DbConnection> OpenAsync(SqlPersistenceOptions options)
    {
        DbConnection connection = options.Provider == SqlProvider.Sqlite
            ? new SqliteConnection(options.ConnectionString)
            : new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, string persistenceId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@pid";
        parameter.Value = persistenceId;
        command.Parameters.Add(parameter);
        return command;
    }
}
