using System.Text.RegularExpressions;

namespace ActorBot.Persistence.Sql;

/// <summary>
/// Settings of the SQL journal and snapshot store, mirroring the HOCON keys of Akka.Persistence.Sql
/// (<c>provider-name</c>, <c>connection-string</c>, <c>auto-initialize</c>, <c>batch-size</c>, <c>table-name</c>).
/// </summary>
public sealed partial record SqlPersistenceOptions
{
    public SqlPersistenceOptions(SqlProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public SqlProvider Provider { get; init; }

    public string ConnectionString { get; init; }

    /// <summary>Create the tables (and, on SQLite, switch to WAL) when the store first opens.</summary>
    public bool AutoInitialize { get; init; } = true;

    /// <summary>Most events one write transaction carries; an atomic write is never split across transactions.</summary>
    public int BatchSize { get; init; } = 100;

    public string JournalTableName { get; init; } = "journal";

    public string SnapshotTableName { get; init; } = "snapshot";

    /// <summary>Database command timeout; also bounds how long SQLite waits on a locked file.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The embedded default: a SQLite file in WAL mode under the service's state directory.</summary>
    public static SqlPersistenceOptions SqliteFile(string path) =>
        new(SqlProvider.Sqlite, "Data Source=" + path);

    /// <summary>Throws <see cref="SqlPersistenceConfigurationException"/> naming the first field at fault.</summary>
    public SqlPersistenceOptions Validated()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new SqlPersistenceConfigurationException("connection-string", "must not be empty");
        }

        if (BatchSize < 1)
        {
            throw new SqlPersistenceConfigurationException("batch-size", $"must be at least 1, was {BatchSize}");
        }

        CheckIdentifier("table-name", JournalTableName);
        CheckIdentifier("snapshot table-name", SnapshotTableName);
        return this;
    }

    // Table names are spliced into SQL text, so only plain identifiers are accepted.
    private static void CheckIdentifier(string field, string value)
    {
        if (!IdentifierPattern().IsMatch(value))
        {
            throw new SqlPersistenceConfigurationException(field, $"'{value}' is not a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters)");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
