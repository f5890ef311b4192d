using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActorBot.Persistence.Sql.Schema;

/// <summary>
/// Creates Akka.Persistence.Sql's tables once, before the actor system starts (the plugin runs with
/// <c>auto-initialize = off</c>). Idempotent: every statement is IF NOT EXISTS, all in one transaction, so a crash
/// mid-way leaves no half schema. On SQLite it first switches the file to WAL, which is stored in the file and so
/// holds for every later connection; on PostgreSQL concurrent creators are serialised by an advisory lock.
/// </summary>
public static class SchemaCreator
{
    public static async Task CreateAsync(SqlPersistenceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == SqlProvider.Sqlite)
        {
            EnsureSqliteDirectory(options.ConnectionString);
        }

        await using var connection = await DbConnections.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        if (options.Provider == SqlProvider.Sqlite)
        {
            // journal_mode cannot change inside a transaction; WAL is recorded in the database file itself.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", null, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        if (options.Provider == SqlProvider.PostgreSql)
        {
            await connection.ExecuteAsync($"SELECT pg_advisory_xact_lock({PostgresSchema.AdvisoryLockKey});", transaction, cancellationToken).ConfigureAwait(false);
        }

        var ddl = options.Provider == SqlProvider.Sqlite ? SqliteSchema.Ddl : PostgresSchema.Ddl;
        await connection.ExecuteAsync(ddl, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous form for hosts that build the actor system synchronously.</summary>
    public static void Create(SqlPersistenceOptions options) => CreateAsync(options).GetAwaiter().GetResult();

    // The default file lives under ./state, which does not exist on a fresh checkout.
    private static void EnsureSqliteDirectory(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:")
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
