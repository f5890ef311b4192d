using ActorBot.Engine.Configuration;
using ActorBot.Engine.Persistence;
using ActorBot.Persistence.Sql;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Configuration;

public sealed class PersistenceSettingsReaderTests
{
    [Fact(DisplayName = "actorbot.persistence: an empty state-directory puts the SQLite file under actorbot.state-dir; every key read is logged")]
    public void Sqlite_under_state_dir()
    {
        using var log = ConfigReadLog.Start();

        var options = PersistenceSettingsReader.FromConfig(ConfigurationFactory.ParseString("""
            actorbot.state-dir = /var/lib/actorbot
            actorbot.persistence { provider-name = sqlite, state-directory = "", connection-string = "", batch-size = 20 }
            """));

        options.Should().Be(new SqlPersistenceOptions(SqlProvider.Sqlite, "Data Source=/var/lib/actorbot/actorbot.db") { BatchSize = 20 });
        log.Keys.Should().BeEquivalentTo(
            "actorbot.persistence.provider-name", "actorbot.persistence.connection-string", "actorbot.persistence.state-directory",
            "actorbot.state-dir", "actorbot.persistence.batch-size");
    }

    [Fact(DisplayName = "actorbot.persistence selects PostgreSQL by provider-name and connection-string")]
    public void Postgres()
    {
        var options = PersistenceSettingsReader.FromConfig(ConfigurationFactory.ParseString("""
            actorbot.persistence { provider-name = postgresql, connection-string = "Host=db;Username=bot", batch-size = 50 }
            """));

        options.Should().Be(new SqlPersistenceOptions(SqlProvider.PostgreSql, "Host=db;Username=bot") { BatchSize = 50 });
    }

    [Fact(DisplayName = "A bad batch-size is a ConfigurationException naming the key")]
    public void Bad_batch_size()
    {
        var act = () => PersistenceSettingsReader.FromConfig(ConfigurationFactory.ParseString("actorbot.persistence.batch-size = lots"));

        act.Should().Throw<ConfigurationException>().WithMessage("*actorbot.persistence.batch-size*");
    }
}
