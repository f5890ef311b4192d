using System.Data.Common;
using ActorBot.Persistence.Sql.Journal;
using Npgsql;
using NpgsqlTypes;

namespace ActorBot.Persistence.Sql.Dialects;

/// <summary>
/// PostgreSQL via Npgsql. A whole batch goes in as one <c>INSERT ... SELECT FROM unnest(arrays)</c>:
/// one round trip per transaction however many actors contributed rows.
/// </summary>
internal sealed class PostgresDialect : ISqlDialect
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString, TimeSpan commandTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            CommandTimeout = (int)Math.Ceiling(commandTimeout.TotalSeconds),
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public SqlProvider Provider => SqlProvider.PostgreSql;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public IReadOnlyList<string> DatabaseStatements() => [];

    public IReadOnlyList<string> JournalSchema(string journal) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {journal} (
            ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            deleted BOOLEAN NOT NULL DEFAULT FALSE,
            persistence_id VARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            tags VARCHAR(100) NULL,
            message BYTEA NOT NULL,
            identifier INTEGER NULL,
            manifest VARCHAR(500) NOT NULL,
            writer_uuid VARCHAR(128) NULL,
            CONSTRAINT {journal}_persistence_id_sequence_number_key UNIQUE (persistence_id, sequence_number)
        );
        """,
        $"CREATE INDEX IF NOT EXISTS {journal}_sequence_number_idx ON {journal} (sequence_number);",
        $"CREATE INDEX IF NOT EXISTS {journal}_created_idx ON {journal} (created);",
    ];

    public IReadOnlyList<string> SnapshotSchema(string snapshot) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {snapshot} (
            persistence_id VARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            snapshot BYTEA NOT NULL,
            manifest VARCHAR(500) NOT NULL,
            serializer_id INTEGER NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """,
    ];

    public async Task InsertJournalRowsAsync(DbConnection connection, DbTransaction transaction, string journal, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        var pids = new string[count];
        var seqs = new long[count];
        var created = new long[count];
        var tags = new string?[count];
        var messages = new byte[count][];
        var identifiers = new int?[count];
        var manifests = new string[count];
        var writers = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            pids[i] = row.PersistenceId;
            seqs[i] = row.SequenceNr;
            created[i] = row.Created;
            tags[i] = row.Tags;
            messages[i] = row.Message;
            identifiers[i] = row.SerializerId;
            manifests[i] = row.Manifest;
            writers[i] = row.WriterUuid;
        }

        await using var command = new NpgsqlCommand(
            $"INSERT INTO {journal} (persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid) " +
            "SELECT * FROM unnest(@pid, @seq, @created, @tags, @message, @identifier, @manifest, @writer)",
            (NpgsqlConnection)connection,
            (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter("pid", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = pids });
        command.Parameters.Add(new NpgsqlParameter("seq", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = seqs });
        command.Parameters.Add(new NpgsqlParameter("created", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = created });
        command.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags });
        command.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = messages });
        command.Parameters.Add(new NpgsqlParameter("identifier", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = identifiers });
        command.Parameters.Add(new NpgsqlParameter("manifest", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = manifests });
        command.Parameters.Add(new NpgsqlParameter("writer", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = writers });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public string BooleanLiteral(bool value) => value ? "TRUE" : "FALSE";

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
