using Microsoft.Data.Sqlite;

namespace ActorBot.Persistence.Sql;

/// <summary>
/// Where the journal and snapshot store live, from <c>actorbot.persistence</c> (see hocon/actorbot.conf).
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
    /// The options of <c>actorbot.persistence</c>'s values (the service reads the keys through
    /// <c>ActorBot.Engine.Persistence.PersistenceSettingsReader</c>): <paramref name="providerName"/> sqlite | postgresql,
    /// <paramref name="connectionString"/> (empty for SQLite: <c>&lt;stateDirectory&gt;/actorbot.db</c>).
    /// </summary>
    /// <param name="stateDirectory">where the SQLite file goes when there is no connection string.</param>
    public static SqlPersistenceOptions For(string providerName, string? connectionString, string stateDirectory, int batchSize)
    {
        var provider = SqlProviderNames.Parse(providerName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == SqlProvider.PostgreSql)
            {
                throw new SqlPersistenceConfigurationException("actorbot.persistence.connection-string", "is required with provider-name = postgresql");
            }

            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(stateDirectory, DefaultSqliteFileName) }.ToString();
        }

        return new SqlPersistenceOptions(provider, connectionString) { BatchSize = batchSize }.Validated();
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
