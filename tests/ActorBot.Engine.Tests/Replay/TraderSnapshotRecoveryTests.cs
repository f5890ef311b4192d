using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Symbols;
using ActorBot.Models.Registry;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using Akka.Actor;
using Microsoft.Data.Sqlite;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>
/// /trader on the service's real journal (Akka.Persistence.Sql on a SQLite file, our serializer): it snapshots its
/// open trades, and a restarted trader recovers from the snapshot plus the events after it, then finishes the trade
/// exactly as the uninterrupted replay did.
/// </summary>
public sealed class TraderSnapshotRecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-trader-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "A trader on SQLite snapshots every N events; after a restart it recovers from the snapshot and closes the open trade with the same R")]
    public async Task RecoversFromSnapshotOnSqlite()
    {
        var options = SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db"));
        await SchemaCreator.CreateAsync(options);
        var replay = ReplayFixture.ShippedResult;
        var config = replay.Config;
        using var registry = ModelRegistry.Load(config.RegistryDirectory, SnapFeatureVector.Schema);
        var bars = replay.Records.Bars;
        var signals = replay.Records.Signals.ToDictionary(s => s.Signal.Event.TimestampMs);
        var trades = replay.Records.Trades;
        // Stop right after the 4th trade opened: 7 events journaled (4 opened, 3 closed), snapshots at 2, 4, 6.
        var target = trades[3];
        var stopAt = bars.ToList().FindIndex(b => b.OpenTimeMs == replay.Records.Signals.Single(s => s.EventId == target.Trade.EventId).Signal.Event.TimestampMs);

        using (var first = new Harness(options, registry, config))
        {
            var trader = first.Start("first");
            for (var i = 0; i <= stopAt; i++)
            {
                first.Feed(trader, bars[i], signals.GetValueOrDefault(bars[i].OpenTimeMs));
            }

            await first.StopAsync(trader);
        }

        SnapshotRows(options).Should().BeGreaterThan(0, "the trader snapshots every 2 events");

        using var second = new Harness(options, registry, config);
        var recovered = second.Start("second");
        TradeRecord? closed = null;
        for (var i = stopAt + 1; closed is null && i < bars.Count; i++)
        {
            closed = second.Feed(recovered, bars[i], null).OfType<TradeRecord>().FirstOrDefault();
        }

        closed.Should().NotBeNull();
        closed!.Trade.EventId.Should().Be(target.Trade.EventId);
        closed.Trade.Outcome.Should().Be(target.Trade.Outcome);
        closed.Fill.Should().Be(target.Fill);
    }

    private static long SnapshotRows(SqlPersistenceOptions options)
    {
        using var connection = new SqliteConnection(options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'trader-BTCUSD_PERP' AND manifest = 'trader.snapshot'";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>One actor system on the SQLite journal with a probe as the trader's sink.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly ActorSystem _system;
        private readonly Akka.TestKit.TestProbe _sink;
        private readonly SymbolPipelineSettings _settings;
        private readonly string _symbol;

        public Harness(SqlPersistenceOptions options, ModelRegistry registry, Engine.Replay.ReplayConfig config)
        {
            _system = ActorSystem.Create("trader", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
                Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
            var kit = new Akka.TestKit.Xunit2.TestKit(_system);
            _sink = kit.CreateTestProbe();
            _symbol = config.Symbol;
            _settings = new SymbolPipelineSettings(config.Detector, ModelCutPoints.For(registry.Active.Descriptor),
                new Domain.Models.MetaRouter(registry.Active, registry.Shadow, config.MinProb, SnapFeatureVector.Schema),
                config.Geometry, 1, config.Fills, TimeSpan.Zero, _sink.Ref);
        }

        public IActorRef Start(string name) =>
            _system.ActorOf(Props.Create(() => new TraderActor(_symbol, _settings, 2)), name);

        /// <summary>Sends one bar, waits until the trader has handled it, returns what it recorded meanwhile.</summary>
        public List<object> Feed(IActorRef trader, Domain.Bars.Bar bar, SignalRecord? signal)
        {
            trader.Tell(new BarAnalysed(_symbol, bar, signal?.Signal, signal?.Decision, signal?.EventId));
            trader.Tell(new PipelineMark(_sink.Ref));
            var seen = new List<object>();
            while (true)
            {
                var m = _sink.ExpectMsg<object>(TimeSpan.FromSeconds(10));
                if (m is PipelineDrained)
                {
                    return seen;
                }

                seen.Add(m);
            }
        }

        public async Task StopAsync(IActorRef trader) => await trader.GracefulStop(TimeSpan.FromSeconds(10));

        public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
