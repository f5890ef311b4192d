using System.Text;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Journal;
using ActorBot.Persistence.Sql.Plugin;
using ActorBot.Persistence.Sql.Serialization;
using ActorBot.Persistence.Tests.Infrastructure;
using ActorBot.Persistence.Tests.Store;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Actors;

/// <summary>Zone actor of the migration test: recovers <see cref="ZoneCreated"/> whatever manifest it was stored under.</summary>
public sealed class ZoneActor : ReceivePersistentActor
{
    private readonly List<ZoneCreated> _zones = [];

    public ZoneActor(IActorRef probe)
    {
        Recover<ZoneCreated>(_zones.Add);
        Recover<RecoveryCompleted>(_ => probe.Tell(_zones.ToList()));
    }

    public override string PersistenceId => "zones/ETHUSDT";
}

public sealed class SqlPluginConfigTests : IDisposable
{
    private readonly TempSqliteFile _file = new();
    private readonly ITestOutputHelper _output;

    public SqlPluginConfigTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _file.Dispose();

    [Fact(DisplayName = "An event stored under an old manifest is recovered as the new type through a json-migrations entry in HOCON")]
    public async Task Migration_through_hocon()
    {
        await using (var store = new SqlJournalStore(SqlPersistenceOptions.SqliteFile(_file.Path)))
        {
            await store.WriteAsync([new JournalRow(
                "zones/ETHUSDT", 1, new ZoneCreatedV1ToV2().FromManifest, Encoding.UTF8.GetBytes("""{"Symbol":"ETHUSDT","Price":2500.5}"""),
                JsonPersistenceSerializer.SerializerId, "old-writer", DateTime.UtcNow.Ticks)]);
        }

        var migration = typeof(ZoneCreatedV1ToV2).AssemblyQualifiedName!.Split(", Version", StringSplitOptions.None)[0];
        var hocon = SqlPersistenceHocon.For(SqlProvider.Sqlite, _file.ConnectionString, extra: $"json-migrations = [\"{migration}\"]");
        using var kit = new TestKit(ConfigurationFactory.ParseString(hocon), null, _output);

        kit.Sys.ActorOf(Props.Create(() => new ZoneActor(kit.TestActor)));

        kit.ExpectMsg<List<ZoneCreated>>(TimeSpan.FromSeconds(10)).Should().Equal(new ZoneCreated("ETHUSDT", 2500.5m, 2500.5m, 2));
    }

    [Fact(DisplayName = "Without a connection string the SQLite journal lives in a file under the state directory, in WAL mode")]
    public void Default_sqlite_file_under_state_directory()
    {
        var config = ConfigurationFactory.ParseString($"provider-name = sqlite\nstate-directory = \"{_file.Directory}/state\"");

        var options = SqlPluginSettings.Journal(config);

        options.ConnectionString.Should().Be($"Data Source={_file.Directory}/state/{SqlPluginSettings.DefaultDatabaseFile}");
        Directory.Exists(Path.Combine(_file.Directory, "state")).Should().BeTrue();
        options.JournalTableName.Should().Be("journal");
        options.BatchSize.Should().Be(100);
    }

    [Fact(DisplayName = "Plugin settings are read from HOCON: provider, connection string, batch size, table name")]
    public void Settings_from_hocon()
    {
        var config = ConfigurationFactory.ParseString("""
            provider-name = postgresql
            connection-string = "Host=db;Username=bot"
            batch-size = 250
            table-name = events
            auto-initialize = off
            """);

        var options = SqlPluginSettings.Journal(config);

        options.Provider.Should().Be(SqlProvider.PostgreSql);
        options.ConnectionString.Should().Be("Host=db;Username=bot");
        options.BatchSize.Should().Be(250);
        options.JournalTableName.Should().Be("events");
        options.AutoInitialize.Should().BeFalse();
    }

    [Theory(DisplayName = "Bad plugin settings are typed errors naming the setting")]
    [InlineData("provider-name = oracle", "provider-name")]
    [InlineData("provider-name = postgresql", "connection-string")]
    [InlineData("connection-string = \"Data Source=x.db\"\nbatch-size = 0", "batch-size")]
    [InlineData("connection-string = \"Data Source=x.db\"\njson-migrations = [\"No.Such.Type, Nowhere\"]", "json-migrations")]
    public void Bad_settings(string hocon, string field)
    {
        var config = ConfigurationFactory.ParseString(hocon);

        var act = () =>
        {
            SqlPluginSettings.Journal(config);
            SqlPluginSettings.Serializer(config);
        };

        act.Should().Throw<SqlPersistenceConfigurationException>().Which.Field.Should().Be(field);
    }

    [Fact(DisplayName = "A journal plugin id without a class is a configuration error naming the plugin, and the actor does not start")]
    public void Missing_plugin_class()
    {
        using var kit = new TestKit(ConfigurationFactory.ParseString("akka.persistence.journal.plugin = \"akka.persistence.journal.nowhere\""), null, _output);
        var actor = kit.Sys.ActorOf(CounterActor.Props("x", kit.TestActor));
        kit.Watch(actor);

        kit.ExpectTerminated(actor, TimeSpan.FromSeconds(10));
    }
}
