using System.Data.Common;

namespace ActorBot.Persistence.Sql.Inspection;

/// <summary>One live journal row: its sequence number, serializer id and manifest, and the payload bytes.</summary>
public sealed record JournalRow(long SequenceNr, int? SerializerId, string? Manifest, byte[] Payload);

/// <summary>
/// Reads one persistence id's live events, in order, straight from the journal table (read-only; for
/// <c>actorbot doctor</c>, which must not start an actor — a started execution would run restart-flatten).
/// </summary>
public sealed class JournalReader
{
    private readonly SqlPersistenceOptions _options;

    public JournalReader(SqlPersistenceOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public async Task<IReadOnlyList<JournalRow>> ReadAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        await using var connection = await DbConnections.OpenAsync(_options, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number, identifier, manifest, message FROM journal WHERE persistence_id = @pid AND NOT deleted ORDER BY sequence_number";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@pid";
        parameter.Value = persistenceId;
        command.Parameters.Add(parameter);
        var rows = new List<JournalRow>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new JournalRow(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                (byte[])reader.GetValue(3)));
        }

        return rows;
    }
}
