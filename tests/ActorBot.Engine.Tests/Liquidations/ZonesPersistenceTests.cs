using System.Text.Json;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Zones;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Probing;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using Akka.Actor;
using Microsoft.Data.Sqlite;

namespace ActorBot.Engine.Tests.Liquidations;

/// <summary>
/// /zones on the service's real journal (Akka.Persistence.Sql on a SQLite file, our serializer): it snapshots its book
/// every N minutes, and after its actor system is killed a new one recovers the same zones.
/// </summary>
public sealed class ZonesPersistenceTests : IDisposable
{
    private const string Symbol = "BTCUSDT";
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-zones-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "Zones on SQLite: snapshotted every 2 minutes under zones.snapshot; after a kill and recovery the same zones are served")]
    public async Task SameZonesAfterKillAndRecovery()
    {
        var options = SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db"));
        await SchemaCreator.CreateAsync(options);
        // Minutes ahead of the clock: the recovery's catch-up decay counts only minutes that really passed.
        var t0 = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000) + (10 * 60_000);
        var grid = new BucketGrid(20m);
        ZonesState before;
        using (var first = new Harness(options))
        {
            var zones = first.Start(grid);
            for (var i = 0; i < 4; i++)
            {
                var minute = t0 + (i * 60_000L);
                var evidence = new List<ZoneInput>
                {
                    ZoneInput.FromTape(grid.TickOf(60_000m - (i * 100)), LiquidationSide.Long, 150_000),
                    ZoneInput.FromInference(grid.TickOf(61_000m + (i * 200)), LiquidationSide.Short, 80_000, 50, 0.6),
                };
                zones.Tell(new ZoneMinuteInput(Symbol, new ZoneMinute(minute, 60_500, 60_400, 60_450, [], evidence)), first.Kit.TestActor);
                // The first answer waits for the recovery on a fresh SQLite file (seconds on a loaded machine).
                first.Kit.ExpectMsg<ZoneCountersChanged>(TimeSpan.FromSeconds(10));
            }

            // Two snapshots (after minutes 2 and 4); the older one is deleted behind the newer.
            first.Kit.AwaitAssert(() => Summary(first, zones).GetProperty("snapshotsSaved").GetInt64().Should().Be(2), TimeSpan.FromSeconds(5));
            first.Kit.AwaitAssert(() => SnapshotRows(options).Should().Be(1), TimeSpan.FromSeconds(5));
            zones.Tell(new GetZones(Symbol), first.Kit.TestActor);
            before = first.Kit.ExpectMsg<ZonesState>();
        }

        before.Zones.Should().HaveCountGreaterThan(4);

        using var second = new Harness(options);
        var recovered = second.Start(grid);
        recovered.Tell(new GetZones(Symbol), second.Kit.TestActor);
        var after = second.Kit.ExpectMsg<ZonesState>(TimeSpan.FromSeconds(10));
        after.Zones.Should().BeEquivalentTo(before.Zones, o => o.WithStrictOrdering());
        after.Summary.Should().Be(before.Summary);
        after.LastMinuteMs.Should().Be(t0 + (3 * 60_000L));

        // A replayed minute is refused; the next one applies.
        recovered.Tell(new ZoneMinuteInput(Symbol, new ZoneMinute(t0 + (3 * 60_000L), 60_500, 60_400, 60_450, [], [])), second.Kit.TestActor);
        second.Kit.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        recovered.Tell(new ZoneMinuteInput(Symbol, new ZoneMinute(t0 + (4 * 60_000L), 60_500, 60_400, 60_450, [], [])), second.Kit.TestActor);
        second.Kit.ExpectMsg<ZoneCountersChanged>();
    }

    private static JsonElement Summary(Harness harness, IActorRef zones)
    {
        zones.Tell(ProbeState.Instance, harness.Kit.TestActor);
        return JsonDocument.Parse(JsonSerializer.Serialize(harness.Kit.ExpectMsg<ActorProbe>().Summary)).RootElement;
    }

    private static long SnapshotRows(SqlPersistenceOptions options)
    {
        using var connection = new SqliteConnection(options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'zones-BTCUSDT' AND manifest = 'zones.snapshot'";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>One actor system on the SQLite journal; disposing it kills everything in it at once.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly ActorSystem _system;

        public Harness(SqlPersistenceOptions options)
        {
            _system = ActorSystem.Create("zones", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
                Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
            Kit = new Akka.TestKit.Xunit2.TestKit(_system);
        }

        public Akka.TestKit.Xunit2.TestKit Kit { get; }

        public IActorRef Start(BucketGrid grid) => _system.ActorOf(Props.Create(() => new ZonesActor(Symbol, grid, 2)), "zones");

        public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
