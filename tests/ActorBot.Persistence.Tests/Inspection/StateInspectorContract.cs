using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Inspection;
using ActorBot.Persistence.Tests.Actors;
using ActorBot.Persistence.Tests.Infrastructure;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Inspection;

/// <summary><c>actorbot state inspect</c> reads what the real plugin wrote: journal extent, live events, snapshots.</summary>
public abstract class StateInspectorContract : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SqlPersistenceOptions _options;

    protected StateInspectorContract(SqlPersistenceOptions options, ITestOutputHelper output)
        : base(ActorBotPersistence.SystemSetup(options, TestSerializer.Json), null, output)
    {
        _options = options;
    }

    [StoreFact(DisplayName = "Inspection lists persistence ids with highest sequence numbers, live event counts, last write and snapshot sizes")]
    public async Task Inspects_plugin_tables()
    {
        var before = DateTime.UtcNow.AddMinutes(-1);
        var a = Sys.ActorOf(CounterActor.Props("trader-BTCUSDT", TestActor));
        ExpectMsg("recover:completed@0", Wait);
        a.Tell(new AddMany(["x", "y", "z"]), TestActor);
        ExpectMsg(new Persisted("x", 1), Wait);
        ExpectMsg(new Persisted("y", 2), Wait);
        ExpectMsg(new Persisted("z", 3), Wait);
        a.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg<SaveSnapshotSuccess>(Wait);
        a.Tell(new DeleteUpTo(3), TestActor);
        ExpectMsg(new DeleteMessagesSuccess(3), Wait);
        var b = Sys.ActorOf(CounterActor.Props("zones-ETHUSDT", TestActor));
        ExpectMsg("recover:completed@0", Wait);
        b.Tell(new Add("only"), TestActor);
        ExpectMsg(new Persisted("only", 1), Wait);

        var states = await new StateInspector(_options).InspectAsync();

        states.Select(s => s.PersistenceId).Should().Equal("trader-BTCUSDT", "zones-ETHUSDT");
        var trader = states[0];
        trader.HighestSequenceNr.Should().Be(3, "deleting events never lowers the highest sequence number");
        trader.EventCount.Should().Be(0);
        trader.Snapshots.Should().ContainSingle().Which.SequenceNr.Should().Be(3);
        trader.Snapshots[0].SizeBytes.Should().BeGreaterThan(0);
        trader.Snapshots[0].Created.Should().BeAfter(before).And.BeBefore(DateTime.UtcNow.AddMinutes(1));
        var zones = states[1];
        zones.HighestSequenceNr.Should().Be(1);
        zones.EventCount.Should().Be(1);
        zones.LowestSequenceNr.Should().Be(1);
        zones.LastWrite.Should().NotBeNull().And.BeAfter(before).And.BeBefore(DateTime.UtcNow.AddMinutes(1));

        (await new StateInspector(_options).InspectAsync("zones-ETHUSDT")).Should().ContainSingle();
        StateReport.ToTable(states).Should().Contain("trader-BTCUSDT").And.NotContain(_options.ConnectionString);
        StateReport.ToJson(states).Should().Contain("\"highest_sequence_nr\": 3");
    }
}

public sealed class SqliteStateInspectorTests : StateInspectorContract
{
    private readonly TempSqliteFile _file;

    public SqliteStateInspectorTests(ITestOutputHelper output)
        : this(new TempSqliteFile(), output)
    {
    }

    private SqliteStateInspectorTests(TempSqliteFile file, ITestOutputHelper output)
        : base(TestDatabases.Sqlite(file), output)
    {
        _file = file;
    }

    [Fact(DisplayName = "Inspecting a SQLite file through DbTarget (read-write, never create) works on the plugin's file")]
    public async Task Through_db_target()
    {
        var target = DbTarget.Parse(_file.Path);

        (await new StateInspector(target.Options).InspectAsync()).Should().BeEmpty();
        target.Description.Should().Contain(_file.Path);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _file.Dispose();
    }
}

[Collection(PostgresCollection.Name)]
[RequiresPostgres]
public sealed class PostgresStateInspectorTests(PostgresFixture fixture, ITestOutputHelper output)
    : StateInspectorContract(TestDatabases.Postgres(fixture), output);
