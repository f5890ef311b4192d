using ActorBot.Domain.Risk;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>/risk on the service's real journal (Akka.Persistence.Sql on a SQLite file, our serializer and manifests).</summary>
public sealed class RiskPersistenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-risk-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "After a restart on SQLite, risk recovers open trades, the day's PnL, the loss streak and the latched kill switch")]
    public async Task SurvivesRestart()
    {
        var options = SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db"));
        await SchemaCreator.CreateAsync(options);
        var settings = Settings(snapshotEvery: 2);
        RiskStatus before;

        using (var first = new Harness(options, settings))
        {
            var risk = first.Start();
            // e1 opens and loses, e2 stays open, then the operator engages the kill switch: 4 events, snapshots at 2 and 4.
            first.Approve(risk, "e1", Btc);
            risk.Tell(new PositionClosed(Btc, "e1", 59_900m, 0.016m, -1.6m, "sl"));
            first.Approve(risk, "e2", "ETHUSDT");
            risk.Tell(new SetKillSwitch(true));
            before = Status(risk);
            await risk.GracefulStop(TimeSpan.FromSeconds(10));
        }

        Rows(options, "journal", "risk.trade-opened").Should().Be(2);
        Rows(options, "journal", "risk.trade-closed").Should().Be(1);
        Rows(options, "journal", "risk.kill-switch-changed").Should().Be(1);
        Rows(options, "snapshot", "risk.snapshot").Should().BeGreaterThan(0);

        using var second = new Harness(options, settings);
        var recovered = second.Start();
        var after = Status(recovered);
        after.OpenTradesBySymbol.Should().Equal(new Dictionary<string, int> { ["ETHUSDT"] = 1 });
        after.RealisedPnlTodayUsd.Should().Be(-1.6m);
        after.LossStreak.Should().Be(1);
        after.KillSwitchEngaged.Should().BeTrue();
        (after with { DropsByReason = before.DropsByReason }).Should().BeEquivalentTo(before);
        after.DropsByReason.Values.Should().AllSatisfy(v => v.Should().Be(0), "drop counters are process metrics, not journaled");

        Ready(recovered, Btc);
        recovered.Tell(Intent("e3", second.Trader.Ref));
        second.Trader.ExpectMsg<TradeRejected>(TimeSpan.FromSeconds(10)).Reason.Should().Be(DropReason.KillSwitch);
    }

    private static long Rows(SqlPersistenceOptions options, string table, string manifest)
    {
        using var connection = new SqliteConnection(options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE persistence_id = 'risk' AND manifest = $m";
        command.Parameters.AddWithValue("$m", manifest);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>One actor system on the SQLite journal, probes as execution and trader.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly ActorSystem _system;
        private readonly Akka.TestKit.TestProbe _execution;
        private readonly RiskActorSettings _settings;

        public Harness(SqlPersistenceOptions options, RiskActorSettings settings)
        {
            _system = ActorSystem.Create("risk", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
                Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
            var kit = new Akka.TestKit.Xunit2.TestKit(_system);
            _execution = kit.CreateTestProbe();
            Trader = kit.CreateTestProbe();
            _settings = settings;
        }

        public Akka.TestKit.TestProbe Trader { get; }

        public IActorRef Start() => _system.ActorOf(Props.Create(() => new RiskActor(_settings, _execution.Ref)), "risk");

        public void Approve(IActorRef risk, string eventId, string symbol)
        {
            Ready(risk, symbol);
            risk.Tell(Intent(eventId, Trader.Ref, symbol));
            _execution.ExpectMsg<PlaceEntry>(TimeSpan.FromSeconds(10)).EventId.Should().Be(eventId);
        }

        public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
