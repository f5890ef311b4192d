using System.Data.Common;
using ActorBot.Persistence.Sql.Journal;
using Microsoft.Data.Sqlite;

namespace ActorBot.Persistence.Sql.Dialects;

/// <summary>
/// SQLite: the embedded default. WAL mode lets readers (recovery, <c>state inspect</c>) run beside the writer;
/// <c>synchronous=FULL</c> fsyncs the WAL at every commit, so an acknowledged write survives SIGKILL and power loss.
/// </summary>
internal sealed class SqliteDialect : ISqlDialect
{
    private static int _initialized;
    private readonly string _connectionString;
    private readonly int _timeoutMs;

    public SqliteDialect(string connectionString, TimeSpan commandTimeout)
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            DefaultTimeout = (int)Math.Ceiling(commandTimeout.TotalSeconds),
        };
        _connectionString = builder.ToString();
        _timeoutMs = (int)commandTimeout.TotalMilliseconds;
    }

    public SqlProvider Provider => SqlProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={_timeoutMs}; PRAGMA foreign_keys=OFF;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public IReadOnlyList<string> DatabaseStatements() => ["PRAGMA journal_mode=WAL;"];

    public IReadOnlyList<string> JournalSchema(string journal) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {journal} (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            deleted INTEGER NOT NULL DEFAULT 0,
            persistence_id TEXT NOT NULL,
            sequence_number INTEGER NOT NULL,
            created INTEGER NOT NULL,
            tags TEXT NULL,
            message BLOB NOT NULL,
            identifier INTEGER NULL,
            manifest TEXT NOT NULL,
            writer_uuid TEXT NULL,
            UNIQUE (persistence_id, sequence_number)
        );
        """,
        $"CREATE INDEX IF NOT EXISTS {journal}_sequence_number_idx ON {journal} (sequence_number);",
        $"CREATE INDEX IF NOT EXISTS {journal}_created_idx ON {journal} (created);",
    ];

    public IReadOnlyList<string> SnapshotSchema(string snapshot) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {snapshot} (
            persistence_id TEXT NOT NULL,
            sequence_number INTEGER NOT NULL,
            created INTEGER NOT NULL,
            snapshot BLOB NOT NULL,
            manifest TEXT NOT NULL,
            serializer_id INTEGER NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """,
    ];

    public async Task InsertJournalRowsAsync(DbConnection connection, DbTransaction transaction, string journal, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        // One prepared statement re-bound per row: SQLite has no network round trip, so this is as fast as a multi-row VALUES.
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {journal} (deleted, persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid) " +
            "VALUES (0, $pid, $seq, $created, $tags, $message, $identifier, $manifest, $writer)";
        var pid = Add(command, "$pid");
        var seq = Add(command, "$seq");
        var created = Add(command, "$created");
        var tags = Add(command, "$tags");
        var message = Add(command, "$message");
        var identifier = Add(command, "$identifier");
        var manifest = Add(command, "$manifest");
        var writer = Add(command, "$writer");
        command.Prepare();
        foreach (var row in rows)
        {
            pid.Value = row.PersistenceId;
            seq.Value = row.SequenceNr;
            created.Value = row.Created;
            tags.Value = (object?)row.Tags ?? DBNull.Value;
            message.Value = row.Message;
            identifier.Value = (object?)row.SerializerId ?? DBNull.Value;
            manifest.Value = row.Manifest;
            writer.Value = (object?)row.WriterUuid ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } sqlite &&
        (sqlite.SqliteExtendedErrorCode == 2067 || sqlite.SqliteExtendedErrorCode == 1555 || sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal));

    public string BooleanLiteral(bool value) => value ? "1" : "0";

    // Pooled connections keep the file open; release them so the file can be moved or deleted after disposal.
    public ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
