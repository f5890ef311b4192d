using System.Diagnostics;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Persistence.Sql;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;

namespace ActorBot.Benchmarks.Suites.Persistence;

/// <summary>
/// Issue 9: recovery of the service's real <see cref="ExecutionActor"/> and <see cref="PaperExecutionActor"/> with
/// 10,000 closed trades of history (11 events per trade for execution, as it journals a TP close; 2 for paper), with no
/// snapshot (full replay, the baseline) and with a snapshot 100 events before the end (what snapshot-every = 200
/// leaves at worst on average), in the same run, on the same journal. Recovery time: from ActorOf to the answer of a
/// status request, which the actor stashes until recovery completed. Execution runs against the venue simulator
/// (its restart-flatten reads a flat venue).
/// </summary>
internal sealed class ExecutionRecoveryBenchmark(SqlPersistenceOptions options, int trades)
{
    private const int Iterations = 3;
    private const int Tail = 100;
    private int _run;

    public void Run()
    {
        using var system = ActorSystem.Create("bench-exec", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
            ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        var sim = SimulatorHost.StartAsync(new SimulatorOptions { Port = 0 }).GetAwaiter().GetResult();
        using var http = new HttpClient();
        var rest = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = sim.RestUri }, new BinanceCredentials("sim-api-key", "sim-api-secret"), new DecodeErrorCounter());
        try
        {
            var execution = ExecutionEvents(trades);
            Console.WriteLine($"  execution history: {trades:N0} closed trades = {execution.Count:N0} events");
            Measure(system, execution, "execution", venue => ExecutionActor.Props(new ExecutionSettings(venue, ["BTCUSDT"]), rest, null, new DecodeErrorCounter()),
                events => ExecutionSnapshots.ToSnapshot(events.Aggregate(ExecutionState.Empty, (s, e) => s.Apply(e))));

            var paper = PaperEvents(trades);
            Console.WriteLine($"  paper history: {trades:N0} closed trades = {paper.Count:N0} events");
            var filters = RiskSettingsReader.FromConfig(Config.Empty).FiltersFor;
            Measure(system, paper, "paper-execution", venue => PaperExecutionActor.Props(new PaperSettings(venue, new(Domain.Paper.PaperFillMode.Marketable, 0m, 5m, 2m), 1_000m, filters)),
                events => PaperSnapshots.ToSnapshot(events.Aggregate(PaperBook.Empty, (b, e) => b.Apply(e))));
        }
        finally
        {
            sim.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private void Measure<TEvent>(ActorSystem system, List<TEvent> events, string kind, Func<string, Props> props, Func<List<TEvent>, object> snapshotOf)
        where TEvent : notnull
    {
        var run = Interlocked.Increment(ref _run);
        var bare = $"bench{run}bare";
        var snap = $"bench{run}snap";
        Write(system, $"{kind}-{bare}", events, null);
        var snapshot = snapshotOf(events.Take(events.Count - Tail).ToList());
        Write(system, $"{kind}-{snap}", events, (events.Count - Tail, snapshot));

        var baseline = Time($"{kind}: recover {events.Count:N0} events, no snapshot", () => Recover(system, props(bare), $"{kind}-{bare}", events.Count, keepUpTo: 0));
        var withSnapshot = Time($"{kind}: recover snapshot + {Tail} events", () => Recover(system, props(snap), $"{kind}-{snap}", events.Count, keepUpTo: events.Count - Tail));
        // The baseline stays a full replay only if no incarnation wrote an event (a clean stop then saves nothing).
        Console.WriteLine($"  check {kind}: snapshots left for the no-snapshot journal: {Sql("SELECT COUNT(*) FROM snapshot WHERE persistence_id = $id", $"{kind}-{bare}")}");
        Console.WriteLine($"  ratio {kind + ": snapshot vs full replay",-50} {withSnapshot / baseline,10:N3}x (time)");
    }

    private long Sql(string sql, string persistenceId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// One recovery, timed. The clean stop then saves a snapshot at the last event (the actor recovered events past
    /// its newest snapshot), which would make the next run replay nothing: once it is stored it is deleted again, so
    /// every run starts from the same journal (snapshots up to <paramref name="keepUpTo"/> only).
    /// </summary>
    private TimeSpan Recover(ActorSystem system, Props props, string persistenceId, long lastSequenceNr, long keepUpTo)
    {
        var watch = Stopwatch.StartNew();
        var actor = system.ActorOf(props);
        // Stashed by the persistent actor until recovery completed; answered right after.
        actor.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        var elapsed = watch.Elapsed;
        actor.GracefulStop(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var deadline = Stopwatch.StartNew();
        while (Sql($"SELECT COUNT(*) FROM snapshot WHERE persistence_id = $id AND sequence_number = {lastSequenceNr}", persistenceId) == 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{persistenceId}: no snapshot at the clean stop");
            }

            Thread.Sleep(10);
        }

        Sql($"DELETE FROM snapshot WHERE persistence_id = $id AND sequence_number > {keepUpTo}", persistenceId);
        return elapsed;
    }

    private static double Time(string label, Func<TimeSpan> body)
    {
        body();
        var times = Enumerable.Range(0, Iterations).Select(_ => body().TotalMilliseconds).Order().ToList();
        Console.WriteLine($"  {label,-56} {times[1],12:N1} ms       (min {times[0]:N1}, max {times[^1]:N1}; x{Iterations})");
        return times[1];
    }

    /// <summary>Journals the events under <paramref name="persistenceId"/> (batches of 500) and, optionally, a snapshot at a sequence number.</summary>
    private static void Write<TEvent>(ActorSystem system, string persistenceId, List<TEvent> events, (long SequenceNr, object Snapshot)? snapshot)
        where TEvent : notnull
    {
        var writer = system.ActorOf(Props.Create(() => new JournalWriter(persistenceId, events.Cast<object>().ToList(), snapshot)));
        writer.Ask<string>("go", TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
        writer.GracefulStop(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }

    /// <summary>10,000 TP-closed trades as /execution journals them: entry, ack, fill, two brackets and their answers, TP fill, sibling cancel, close.</summary>
    internal static List<IExecutionEvent> ExecutionEvents(int trades)
    {
        var events = new List<IExecutionEvent>(trades * 11);
        for (var i = 0; i < trades; i++)
        {
            var ev = $"ev-{i}";
            var t = 1_700_000_000_000L + (i * 60_000L);
            var (e, s, p) = ($"snap-BTCUSDT-{i}-e", $"snap-BTCUSDT-{i}-s", $"snap-BTCUSDT-{i}-t");
            events.Add(new EntrySent(ev, "BTCUSDT", t, 1, 0.01m, 59_900m, 60_400m, e, t + 1));
            events.Add(new OrderAnswered(e, "acked", i, null, t + 2));
            events.Add(new FillRecorded(e, (2L * i) + 1, 0.01m, 60_000m, 0.3m, t + 3));
            events.Add(new BracketSent(ev, "sl", s, 59_900m, 0.01m, t + 4));
            events.Add(new BracketSent(ev, "tp", p, 60_400m, 0.01m, t + 5));
            events.Add(new BracketAnswered(s, "NEW", null, t + 6));
            events.Add(new BracketAnswered(p, "NEW", null, t + 7));
            events.Add(new FillRecorded(p, (2L * i) + 2, 0.01m, 60_400m, 0.3m, t + 8));
            events.Add(new BracketAnswered(p, "FINISHED", null, t + 9));
            events.Add(new BracketAnswered(s, "CANCELED", "sibling closed the position", t + 10));
            events.Add(new TradeClosed(ev, "tp", 60_400m, 0.01m, 4m, t + 11));
        }

        return events;
    }

    internal static List<IPaperExecutionEvent> PaperEvents(int trades)
    {
        var events = new List<IPaperExecutionEvent>(trades * 2);
        for (var i = 0; i < trades; i++)
        {
            events.Add(new PaperTradeOpened($"ev-{i}", "BTCUSDT", i, 1, 0.01m, 60_000m, 60_000m, 0.3m, 59_900m, 60_400m, i + 1, "/user/bot/risk"));
            events.Add(new PaperTradeClosed($"ev-{i}", "tp", 60_400m, 60_400m, 0.3m, 3.4m, i + 2));
        }

        return events;
    }

    /// <summary>Persists the given events in batches, saving the snapshot right after its sequence number; answers once both are stored.</summary>
    private sealed class JournalWriter : ReceivePersistentActor
    {
        private IActorRef _replyTo = ActorRefs.Nobody;
        private int _remaining;
        private bool _snapshotPending;

        public JournalWriter(string persistenceId, List<object> events, (long SequenceNr, object Snapshot)? snapshot)
        {
            PersistenceId = persistenceId;
            _snapshotPending = snapshot is not null;
            Command<string>(_ =>
            {
                _replyTo = Sender;
                _remaining = events.Count;
                foreach (var batch in events.Chunk(500))
                {
                    PersistAll(batch, _ =>
                    {
                        if (snapshot is { } s && LastSequenceNr == s.SequenceNr)
                        {
                            SaveSnapshot(s.Snapshot);
                        }

                        _remaining--;
                        AnswerWhenStored();
                    });
                }
            });
            Command<SaveSnapshotSuccess>(_ =>
            {
                _snapshotPending = false;
                AnswerWhenStored();
            });
            Command<SaveSnapshotFailure>(f => throw new InvalidOperationException("benchmark snapshot failed", f.Cause));
        }

        public override string PersistenceId { get; }

        private void AnswerWhenStored()
        {
            if (_remaining == 0 && !_snapshotPending)
            {
                _replyTo.Tell("done");
            }
        }
    }
}
