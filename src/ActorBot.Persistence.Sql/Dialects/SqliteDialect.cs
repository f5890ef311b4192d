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
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, PreparedInsert> _inserts = new();

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

    public Task InsertJournalRowsAsync(DbConnection connection, DbTransaction transaction, string journal, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        // The writer keeps its connection, so the INSERT is prepared once per connection and re-bound per row.
        // SQLite has no network round trip: synchronous execution avoids a Task per row.
        var insert = _inserts.GetValue(connection, c => new PreparedInsert((SqliteConnection)c, journal));
        insert.Run((SqliteTransaction)transaction, rows);
        return Task.CompletedTask;
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

    /// <summary>A prepared INSERT bound to one connection; used only by the single journal writer.</summary>
    private sealed class PreparedInsert
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _pid;
        private readonly SqliteParameter _seq;
        private readonly SqliteParameter _created;
        private readonly SqliteParameter _tags;
        private readonly SqliteParameter _message;
        private readonly SqliteParameter _identifier;
        private readonly SqliteParameter _manifest;
        private readonly SqliteParameter _writer;

        public PreparedInsert(SqliteConnection connection, string journal)
        {
            _command = connection.CreateCommand();
            _command.CommandText =
                $"INSERT INTO {journal} (deleted, persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid) " +
                "VALUES (0, $pid, $seq, $created, $tags, $message, $identifier, $manifest, $writer)";
            _pid = _command.Parameters.Add("$pid", SqliteType.Text);
            _seq = _command.Parameters.Add("$seq", SqliteType.Integer);
            _created = _command.Parameters.Add("$created", SqliteType.Integer);
            _tags = _command.Parameters.Add("$tags", SqliteType.Text);
            _message = _command.Parameters.Add("$message", SqliteType.Blob);
            _identifier = _command.Parameters.Add("$identifier", SqliteType.Integer);
            _manifest = _command.Parameters.Add("$manifest", SqliteType.Text);
            _writer = _command.Parameters.Add("$writer", SqliteType.Text);
        }

        public void Run(SqliteTransaction transaction, IReadOnlyList<JournalRow> rows)
        {
            _command.Transaction = transaction;
            foreach (var row in rows)
            {
                _pid.Value = row.PersistenceId;
                _seq.Value = row.SequenceNr;
                _created.Value = row.Created;
                _tags.Value = (object?)row.Tags ?? DBNull.Value;
                _message.Value = row.Message;
                _identifier.Value = (object?)row.SerializerId ?? DBNull.Value;
                _manifest.Value = row.Manifest;
                _writer.Value = (object?)row.WriterUuid ?? DBNull.Value;
                _command.ExecuteNonQuery();
            }
        }
    }
}
