using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Persistence.Tests.Configuration;

public sealed class SqlPersistenceOptionsTests
{
    [Fact(DisplayName = "SQLite without a connection string is a file actorbot.db under the state directory")]
    public void Sqlite_default()
    {
        var options = SqlPersistenceOptions.For("sqlite", string.Empty, "state", 100);

        options.Provider.Should().Be(SqlProvider.Sqlite);
        options.ConnectionString.Should().Be("Data Source=state/actorbot.db");
    }

    [Fact(DisplayName = "provider-name postgresql with a connection string selects PostgreSQL")]
    public void Postgres_by_config()
    {
        var options = SqlPersistenceOptions.For("postgresql", "Host=db;Username=bot", "state", 50);

        options.Should().Be(new SqlPersistenceOptions(SqlProvider.PostgreSql, "Host=db;Username=bot") { BatchSize = 50 });
    }

    [Fact(DisplayName = "PostgreSQL without a connection string is a typed error naming the setting")]
    public void Postgres_needs_connection_string()
    {
        var act = () => SqlPersistenceOptions.For("postgresql", string.Empty, "state", 100);

        act.Should().Throw<SqlPersistenceConfigurationException>().Which.Field.Should().Be("actorbot.persistence.connection-string");
    }

    [Theory(DisplayName = "The generated plugin HOCON selects Akka.Persistence.Sql with its provider name and auto-initialize off")]
    [InlineData(SqlProvider.Sqlite, "SQLite.MS")]
    [InlineData(SqlProvider.PostgreSql, "PostgreSQL.15")]
    public void Plugin_hocon(SqlProvider provider, string providerName)
    {
        var config = Sql.ActorBotPersistence.Config(new SqlPersistenceOptions(provider, "Data Source=\"x\\y\".db"), TestSerializer.Manifests);

        config.GetString("akka.persistence.journal.plugin").Should().Be("akka.persistence.journal.sql");
        config.GetString("akka.persistence.snapshot-store.plugin").Should().Be("akka.persistence.snapshot-store.sql");
        foreach (var plugin in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql" })
        {
            config.GetString(plugin + ".provider-name").Should().Be(providerName);
            config.GetString(plugin + ".connection-string").Should().Be("Data Source=\"x\\y\".db");
            config.GetBoolean(plugin + ".auto-initialize").Should().BeFalse();
            config.GetString(plugin + ".table-mapping").Should().Be("default");
            config.GetString(plugin + ".class").Should().StartWith("Akka.Persistence.Sql.");
        }

        config.GetString("akka.persistence.journal.sql.tag-write-mode").Should().Be("TagTable");
        config.GetBoolean("akka.persistence.journal.sql.delete-compatibility-mode").Should().BeFalse();
    }
}
