using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace ActorBot.Persistence.Sql;

/// <summary>
/// Where the journal and snapshot store live, read from <c>actorbot.persistence</c> (see hocon/actorbot.conf).
/// <see cref="SqlPersistenceHocon"/> turns it into Akka.Persistence.Sql's HOCON; <see cref="Schema.SchemaCreator"/>
/// creates the plugin's tables in it before the actor system starts.
/// </summary>
public sealed record SqlPersistenceOptions
{
    /// <summary>The SQLite file name under the state directory when no connection string is given.</summary>
    public const string DefaultSqliteFileName = "actorbot.db";

    public SqlPersistenceOptions(SqlProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public SqlProvider Provider { get; init; }

    /// <summary>May hold a password: never log or print it.</summary>
    public string ConnectionString { get; init; }

    /// <summary>The plugin's <c>batch-size</c>: most events one write round trip carries.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// The plugin's concurrent writers (its <c>parallelism</c>). SQLite has one write lock per file, so more than one
    /// writer only queues on it (measured: many times slower with 100 actors); PostgreSQL takes the plugin's 3.
    /// </summary>
    public int Parallelism => Provider == SqlProvider.Sqlite ? 1 : 3;

    /// <summary>The embedded default: a SQLite file (WAL mode is set when the schema is created).</summary>
    public static SqlPersistenceOptions SqliteFile(string path) =>
        new(SqlProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    /// <summary>
    /// Reads <c>actorbot.persistence</c>: <c>provider-name</c> (sqlite | postgresql), <c>connection-string</c>
    /// (empty for SQLite: <c>&lt;state-directory&gt;/actorbot.db</c>), <c>state-directory</c>, <c>batch-size</c>.
    /// </summary>
    public static SqlPersistenceOptions FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig("actorbot.persistence") ?? Config.Empty;
        var provider = SqlProviderNames.Parse(section.GetString("provider-name", "sqlite"));
        var connectionString = section.GetString("connection-string", string.Empty);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == SqlProvider.PostgreSql)
            {
                throw new SqlPersistenceConfigurationException("actorbot.persistence.connection-string", "is required with provider-name = postgresql");
            }

            // Empty means the service's state directory, looked up here rather than by a HOCON substitution: each
            // config layer resolves on its own, so a default of ${actorbot.state-dir} would ignore an operator's.
            var directory = section.GetString("state-directory", string.Empty);
            if (string.IsNullOrWhiteSpace(directory))
            {
                directory = config.GetString("actorbot.state-dir", "state");
            }

            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, DefaultSqliteFileName) }.ToString();
        }

        return new SqlPersistenceOptions(provider, connectionString) { BatchSize = section.GetInt("batch-size", 100) }.Validated();
    }

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

        return this;
    }
}
