using ActorBot.Engine.Persistence;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using Akka.Actor;
using Akka.TestKit;
using Microsoft.Data.Sqlite;
using static ActorBot.Engine.Tests.Venues.Paper.PaperExecutionActorTests;

namespace ActorBot.Engine.Tests.Venues.Paper;

/// <summary>The paper execution on the service's real journal (Akka.Persistence.Sql on a SQLite file, our manifests).</summary>
public sealed class PaperExecutionRestartTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-paper-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "After a restart on SQLite an open paper trade keeps its brackets, and its close reaches the journaled reply path")]
    public async Task OpenTradeSurvivesRestart()
    {
        var options = SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db"));
        await SchemaCreator.CreateAsync(options);

        using (var first = new Harness(options))
        {
            var paper = first.Start();
            paper.Tell(Prints((1, 60_000, 1_000)));
            paper.Tell(Entry("e1", first.Risk));
            first.Probe.ExpectMsg<EntryFilled>(Wait);
            first.Probe.ExpectMsg<BracketsPlaced>(Wait);
            await paper.GracefulStop(Wait);
        }

        using var second = new Harness(options);
        var recovered = second.Start();
        var open = (await recovered.Ask<ExecutionStatus>(GetExecutionStatus.Instance, Wait)).OpenPositions.Single();
        open.Should().BeEquivalentTo(new { EventId = "e1", Quantity = 0.01m, EntryPrice = 60_000m });
        open.StopLossId.Should().NotBeNull();
        (await recovered.Ask<PaperExecutionStatus>(GetPaperExecutionStatus.Instance, Wait)).Fills.Should().Be(1, "totals are journaled");

        recovered.Tell(Prints((2, 59_900, 2_000)));
        second.Probe.ExpectMsg<PositionClosed>(Wait).Reason.Should().Be("sl");
    }

    /// <summary>One actor system on the SQLite journal; replies go to a forwarder at the fixed path /user/risk.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly ActorSystem _system;

        public Harness(SqlPersistenceOptions options)
        {
            _system = ActorSystem.Create("paper", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
                Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
            var kit = new Akka.TestKit.Xunit2.TestKit(_system);
            Probe = kit.CreateTestProbe();
            var probe = Probe.Ref;
            Risk = _system.ActorOf(Props.Create(() => new Forwarder(probe)), "risk");
        }

        public TestProbe Probe { get; }

        public IActorRef Risk { get; }

        public IActorRef Start() => _system.ActorOf(PaperExecutionActor.Props(Settings()), "execution-binance-usdm");

        public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef to) => ReceiveAny(m => to.Tell(m));
    }
}
