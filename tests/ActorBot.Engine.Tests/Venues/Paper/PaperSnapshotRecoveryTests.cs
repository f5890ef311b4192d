using ActorBot.Engine.Persistence;
using ActorBot.Engine.Tests.Persistence;
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

/// <summary>Paper execution snapshots on the real SQLite journal: cadence, clean-stop snapshot, same state after restart as a full replay.</summary>
public sealed class PaperSnapshotRecoveryTests : IDisposable
{
    private const string PersistenceId = "paper-execution-binance-usdm";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-paper-snap-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "Paper execution on SQLite: snapshots every 3 events and at a clean stop (older ones deleted, events kept); recovery from the snapshot equals a full replay; a closed intent stays a duplicate")]
    public async Task SnapshotsOnSqlite()
    {
        var db = Path.Combine(_dir, "actorbot.db");
        var options = SqlPersistenceOptions.SqliteFile(db);
        await SchemaCreator.CreateAsync(options);
        var settings = Settings() with { SnapshotEvery = 3 };

        PaperExecutionStatus before;
        using (var first = new Harness(options))
        {
            var paper = first.Start(settings);
            long print = 1;
            paper.Tell(Prints((print++, 60_000, print * 1_000)));
            for (var i = 0; i < 5; i++)
            {
                paper.Tell(Entry($"e{i}", first.Probe.Ref));
                first.Probe.ExpectMsg<EntryFilled>(Wait);
                first.Probe.ExpectMsg<BracketsPlaced>(Wait);
                paper.Tell(Prints((print++, 60_500, print * 1_000)));
                first.Probe.ExpectMsg<PositionClosed>(Wait).Reason.Should().Be("tp");
                paper.Tell(Prints((print++, 60_000, print * 1_000)));
            }

            paper.Tell(Entry("open", first.Probe.Ref));
            first.Probe.ExpectMsg<EntryFilled>(Wait);
            before = await paper.Ask<PaperExecutionStatus>(GetPaperExecutionStatus.Instance, Wait);
            await paper.GracefulStop(Wait);
            // Kept: the stop's own and at least the newest confirmed before it.
            AwaitTrue(() => StoredRows.Snapshots(db, PersistenceId) is { Count: >= 2 } s && s[^1].SequenceNr == 11, "the clean stop saved the state at event 11");
        }

        var journal = StoredRows.Events<IPaperExecutionEvent>(db, PersistenceId);
        journal.Should().HaveCount(11, "5 x (opened, closed) + 1 opened: events are never deleted");
        var stored = (PaperSnapshot)StoredRows.Snapshots(db, PersistenceId)[^1].Snapshot;
        SnapshotRoundTrip.Dump(PaperSnapshots.ToBook(stored)).Should().Be(SnapshotRoundTrip.Dump(journal.Aggregate(PaperBook.Empty, (b, e) => b.Apply(e))));

        using (var second = new Harness(options))
        {
            var recovered = second.Start(settings);
            var after = await recovered.Ask<PaperExecutionStatus>(GetPaperExecutionStatus.Instance, Wait);
            after.Should().BeEquivalentTo(before, "recovery from the snapshot holds what the first incarnation held");
            (await recovered.Ask<ExecutionStatus>(GetExecutionStatus.Instance, Wait)).OpenPositions.Single().EventId.Should().Be("open");

            // A re-sent intent of a trade closed before the snapshot is a duplicate: no fill, no reply.
            recovered.Tell(Prints((100, 60_000, 100_000)));
            recovered.Tell(Entry("e2", second.Probe.Ref));
            var counters = (await recovered.Ask<ExecutionStatus>(GetExecutionStatus.Instance, Wait)).Counters;
            counters.Should().Contain("intent duplicate", 1);
            (await recovered.Ask<PaperExecutionStatus>(GetPaperExecutionStatus.Instance, Wait)).Fills.Should().Be(before.Fills, "nothing filled twice");
        }

        SnapshotRoundTrip.CheckPaper(journal, "paper actor journal");
    }

    private static void AwaitTrue(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            Thread.Yield();
        }
    }

    private sealed class Harness : IDisposable
    {
        private readonly ActorSystem _system;

        public Harness(SqlPersistenceOptions options)
        {
            _system = ActorSystem.Create("paper", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
                Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
            Probe = new Akka.TestKit.Xunit2.TestKit(_system).CreateTestProbe();
        }

        public TestProbe Probe { get; }

        public IActorRef Start(PaperSettings settings) => _system.ActorOf(PaperExecutionActor.Props(settings), "execution-binance-usdm");

        public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
