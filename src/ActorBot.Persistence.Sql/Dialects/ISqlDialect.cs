using System.Data.Common;
using ActorBot.Persistence.Sql.Journal;

namespace ActorBot.Persistence.Sql.Dialects;

/// <summary>What differs between SQLite and PostgreSQL: connections, DDL, the bulk insert, error codes.</summary>
internal interface ISqlDialect : IAsyncDisposable
{
    SqlProvider Provider { get; }

    /// <summary>Opens a connection with the per-connection settings the store relies on (durability, timeouts).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Idempotent DDL of the journal: table, unique key on (persistence_id, sequence_number), indexes.</summary>
    IReadOnlyList<string> JournalSchema(string journalTable);

    /// <summary>Idempotent DDL of the snapshot table.</summary>
    IReadOnlyList<string> SnapshotSchema(string snapshotTable);

    /// <summary>Statements run once before the schema (SQLite: WAL mode, which is persistent in the file).</summary>
    IReadOnlyList<string> DatabaseStatements();

    /// <summary>Inserts rows inside <paramref name="transaction"/>; the caller commits.</summary>
    Task InsertJournalRowsAsync(DbConnection connection, DbTransaction transaction, string journalTable, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken);

    /// <summary>True when the exception is a unique-key violation.</summary>
    bool IsUniqueViolation(Exception exception);

    /// <summary>SQL literal for the soft-delete flag.</summary>
    string BooleanLiteral(bool value);
}
