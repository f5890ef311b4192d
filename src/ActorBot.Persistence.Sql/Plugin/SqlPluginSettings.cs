using Akka.Configuration;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Persistence.Sql.Plugin;

/// <summary>
/// Maps a plugin's HOCON block (<c>akka.persistence.journal.sql</c> / <c>akka.persistence.snapshot-store.sql</c>) to
/// <see cref="SqlPersistenceOptions"/>. Keys: <c>provider-name</c> (sqlite | postgresql, default sqlite),
/// <c>connection-string</c> (for SQLite default <c>Data Source=&lt;state-directory&gt;/actorbot-state.db</c>),
/// <c>state-directory</c> (default <c>$ACTORBOT_STATE_DIR</c>, else <c>./state</c>), <c>auto-initialize</c> (on),
/// <c>batch-size</c> (100), <c>table-name</c>, <c>json-migrations</c> (list of <see cref="IJsonMigration"/> type names).
/// </summary>
internal static class SqlPluginSettings
{
    public const string DefaultDatabaseFile = "actorbot-state.db";

    public static SqlPersistenceOptions Journal(Config config) =>
        Options(config) with { JournalTableName = config.GetString("table-name", "journal") };

    public static SqlPersistenceOptions Snapshot(Config config) =>
        Options(config) with { SnapshotTableName = config.GetString("table-name", "snapshot") };

    public static JsonPersistenceSerializer Serializer(Config config)
    {
        var names = config.HasPath("json-migrations") ? config.GetStringList("json-migrations") : [];
        if (names.Count == 0)
        {
            return JsonPersistenceSerializer.Default;
        }

        var migrations = names.Select(name =>
        {
            var type = Type.GetType(name, throwOnError: false)
                ?? throw new SqlPersistenceConfigurationException("json-migrations", $"names type '{name}', which was not found");
            return Activator.CreateInstance(type) as IJsonMigration
                ?? throw new SqlPersistenceConfigurationException("json-migrations", $"names type '{name}', which does not implement IJsonMigration");
        });
        return new JsonPersistenceSerializer(migrations);
    }

    private static SqlPersistenceOptions Options(Config config)
    {
        var provider = SqlProviderNames.Parse(config.GetString("provider-name", "sqlite"));
        var connectionString = config.GetString("connection-string", string.Empty);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != SqlProvider.Sqlite)
            {
                throw new SqlPersistenceConfigurationException("connection-string", "must be set for provider postgresql");
            }

            var directory = config.GetString("state-directory", string.Empty);
            if (string.IsNullOrWhiteSpace(directory))
            {
                directory = Environment.GetEnvironmentVariable("ACTORBOT_STATE_DIR") is { Length: > 0 } fromEnv
                    ? fromEnv
                    : Path.Combine(Environment.CurrentDirectory, "state");
            }

            Directory.CreateDirectory(directory);
            connectionString = "Data Source=" + Path.Combine(directory, DefaultDatabaseFile);
        }

        return new SqlPersistenceOptions(provider, connectionString)
        {
            AutoInitialize = config.GetBoolean("auto-initialize", true),
            BatchSize = config.GetInt("batch-size", 100),
        }.Validated();
    }
}
