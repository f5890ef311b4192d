using System.Diagnostics;
using ActorBot.Persistence.Sql;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;

namespace ActorBot.Benchmarks.Suites.Persistence;

/// <summary>
/// Events/s persisted through real ReceivePersistentActors on the SQL journal (selected by HOCON), and the time an
/// actor takes to recover 100k events with and without a snapshot.
/// </summary>
internal sealed class ActorBenchmarks
{
    private const int Iterations = 3;
    private readonly string _name;
    private readonly SqlPersistenceOptions _options;
    private readonly BenchSizes _sizes;
    private int _run;

    public ActorBenchmarks(string name, SqlPersistenceOptions options, BenchSizes sizes)
    {
        _name = name;
        _options = options;
        _sizes = sizes;
    }

    public void Run()
    {
        var config = ConfigurationFactory.ParseString(SqlPersistenceHocon.For(_options.Provider, _options.ConnectionString) + "\nakka.loglevel = WARNING");
        using var system = ActorSystem.Create("bench", config);
        Console.WriteLine($"  -- {_name}: through ReceivePersistentActor (journal selected by HOCON, batch-size 100) --");
        Measure(system, "1 actor, Persist (each event waits for the previous)", actors: 1, _sizes.SingleTransactionEvents, async: false);
        Measure(system, "1 actor, PersistAsync (pipelined)", actors: 1, _sizes.BatchedEvents, async: true);
        Measure(system, "100 actors, Persist", actors: 100, _sizes.BatchedEvents, async: false);
        MeasureRecovery(system);
    }

    private void Measure(ActorSystem system, string label, int actors, int events, bool async)
    {
        RunOnce(system, actors, Math.Max(actors, events / 10), async);
        var rates = new List<double>();
        for (var i = 0; i < Iterations; i++)
        {
            rates.Add(events / RunOnce(system, actors, events, async).TotalSeconds);
        }

        rates.Sort();
        Console.WriteLine($"  {label,-52} {rates[1],12:N0} events/s   (min {rates[0]:N0}, max {rates[^1]:N0}; n={events:N0} x{Iterations})");
    }

    private TimeSpan RunOnce(ActorSystem system, int actors, int events, bool async)
    {
        var run = Interlocked.Increment(ref _run);
        var perActor = events / actors;
        var done = new CountdownEvent(actors);
        var refs = Enumerable.Range(0, actors)
            .Select(a => system.ActorOf(Props.Create(() => new WriterActor($"actor-bench-{run}-{a}", perActor, done))))
            .ToList();
        foreach (var actor in refs)
        {
            actor.Tell(new Ready(), ActorRefs.NoSender);
        }

        // Wait until every actor recovered before timing the writes.
        if (!done.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("actors did not recover");
        }

        done.Reset(actors);
        var watch = Stopwatch.StartNew();
        foreach (var actor in refs)
        {
            for (var i = 0; i < perActor; i++)
            {
                actor.Tell(async ? new WriteAsync() : new Write(), ActorRefs.NoSender);
            }
        }

        if (!done.Wait(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException("writes did not finish");
        }

        var elapsed = watch.Elapsed;
        foreach (var actor in refs)
        {
            system.Stop(actor);
        }

        return elapsed;
    }

    private void MeasureRecovery(ActorSystem system)
    {
        var events = _sizes.RecoveryEvents;
        var pid = $"actor-recovery-{Interlocked.Increment(ref _run)}";
        var done = new CountdownEvent(1);
        var writer = system.ActorOf(Props.Create(() => new WriterActor(pid, events, done)));
        writer.Tell(new Ready(), ActorRefs.NoSender);
        done.Wait();
        done.Reset(1);
        for (var i = 0; i < events; i++)
        {
            writer.Tell(new WriteAsync(), ActorRefs.NoSender);
        }

        done.Wait();
        system.Stop(writer);

        Time($"actor recovers {events:N0} events, no snapshot", () => RecoverOnce(system, pid, events, useSnapshot: false));

        var snapshotDone = new CountdownEvent(1);
        var snapshotter = system.ActorOf(Props.Create(() => new RecoveringActor(pid, events, snapshotDone, true, Recovery.Default)));
        snapshotDone.Wait();
        system.Stop(snapshotter);
        Time($"actor recovers {events:N0} events from a snapshot at {events:N0}", () => RecoverOnce(system, pid, events, useSnapshot: true));
    }

    private static TimeSpan RecoverOnce(ActorSystem system, string pid, int expected, bool useSnapshot)
    {
        var done = new CountdownEvent(1);
        var watch = Stopwatch.StartNew();
        var actor = system.ActorOf(Props.Create(() => new RecoveringActor(
            pid, expected, done, false, useSnapshot ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None))));
        if (!done.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException("recovery did not finish");
        }

        var elapsed = watch.Elapsed;
        system.Stop(actor);
        return elapsed;
    }

    private static void Time(string label, Func<TimeSpan> body)
    {
        body();
        var times = Enumerable.Range(0, Iterations).Select(_ => body().TotalMilliseconds).Order().ToList();
        Console.WriteLine($"  {label,-52} {times[1],12:N1} ms       (min {times[0]:N1}, max {times[^1]:N1}; x{Iterations})");
    }

    private sealed record Ready;

    private sealed record Write;

    private sealed record WriteAsync;

    /// <summary>Persists one event per command; signals when its quota of handlers ran.</summary>
    private sealed class WriterActor : ReceivePersistentActor
    {
        private long _handled;
        private long _next;

        public WriterActor(string persistenceId, int quota, CountdownEvent done)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ => _next = LastSequenceNr);
            Command<Ready>(_ => done.Signal());
            Command<Write>(_ => Persist(NextEvent(), _ => Count(quota, done)));
            Command<WriteAsync>(_ => PersistAsync(NextEvent(), _ => Count(quota, done)));
        }

        public override string PersistenceId { get; }

        // Numbered here, not from LastSequenceNr: with PersistAsync that only advances as writes are acknowledged.
        private BenchEvent NextEvent()
        {
            _next++;
            return new BenchEvent(_next, "BTCUSDT", 60_000m + (_next % 1000), 0.001m);
        }

        private void Count(int quota, CountdownEvent done)
        {
            if (++_handled == quota)
            {
                _handled = 0;
                done.Signal();
            }
        }
    }

    /// <summary>Folds replayed events into state; checks it saw them all; optionally saves a snapshot of it.</summary>
    private sealed class RecoveringActor : ReceivePersistentActor
    {
        private BenchState _state = new(0, 0, 0);

        public RecoveringActor(string persistenceId, int expected, CountdownEvent done, bool saveSnapshot, Recovery recovery)
        {
            PersistenceId = persistenceId;
            Recovery = recovery;
            Recover<SnapshotOffer>(offer => _state = (BenchState)offer.Snapshot);
            Recover<BenchEvent>(e => _state = _state.Apply(e));
            Recover<RecoveryCompleted>(_ =>
            {
                if (_state.LastSeq != expected)
                {
                    throw new InvalidOperationException($"recovered up to {_state.LastSeq}, expected {expected}");
                }

                if (saveSnapshot)
                {
                    SaveSnapshot(_state);
                }
                else
                {
                    done.Signal();
                }
            });
            Command<SaveSnapshotSuccess>(_ => done.Signal());
        }

        public override string PersistenceId { get; }

        public override Recovery Recovery { get; }

        // A benchmark that cannot recover must say why and end, not hang until its timeout.
        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            Console.Error.WriteLine($"benchmark recovery failed: {reason.Message}");
            Environment.Exit(1);
        }
    }
}
