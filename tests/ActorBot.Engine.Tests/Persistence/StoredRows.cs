using ActorBot.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace ActorBot.Engine.Tests.Persistence;

/// <summary>
/// What the plugin stored for one persistence id, read with plain SQL from its SQLite file and decoded with the
/// service's serializer: the journal's events in order and the snapshots (sequence number, decoded value).
/// </summary>
internal static class StoredRows
{
    public static List<T> Events<T>(string dbPath, string persistenceId)
    {
        var serializer = EnginePersistence.CreateSerializer();
        var events = new List<T>();
        foreach (var (_, payload, manifest) in Read(dbPath, "SELECT sequence_number, message, manifest FROM journal WHERE persistence_id = $id AND deleted = 0 ORDER BY sequence_number", persistenceId))
        {
            events.Add((T)serializer.Deserialize(payload, manifest));
        }

        return events;
    }

    public static List<(long SequenceNr, object Snapshot)> Snapshots(string dbPath, string persistenceId)
    {
        var serializer = EnginePersistence.CreateSerializer();
        return Read(dbPath, "SELECT sequence_number, snapshot, manifest FROM snapshot WHERE persistence_id = $id ORDER BY sequence_number", persistenceId)
            .Select(r => (r.SequenceNr, serializer.Deserialize(r.Payload, r.Manifest)))
            .ToList();
    }

    private static List<(long SequenceNr, byte[] Payload, string Manifest)> Read(string dbPath, string sql, string persistenceId)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, byte[], string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2)));
        }

        return rows;
    }
}
