using System.Diagnostics;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;

namespace ActorBot.Benchmarks.Suites.Persistence;

/// <summary>
/// Real ReceivePersistentActors on Akka.Persistence.Sql: one actor system with our serializer registered (as the
/// service runs) and, for the recovery comparison only, one without it, where events fall to Akka's default
/// Newtonsoft serializer.
/// </summary>
internal sealed class ActorBenchmarks
{
    private const int Iterations = 3;
    private static readonly JsonPersistenceSerializer Ours = new(PersistenceManifests.Empty
        .Add<BenchEvent>("bench.event")
        .Add<OrderEvent>("bench.order")
        .Add<BenchState>("bench.state"));

    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING");
    private readonly SqlPersistenceOptions _options;
    private readonly BenchSizes _sizes;
    private int _run;

    public ActorBenchmarks(SqlPersistenceOptions options, BenchSizes sizes)
    {
        _options = options;
        _sizes = sizes;
    }

    public void Run()
    {
        using var ours = ActorSystem.Create("bench", ActorBotPersistence.SystemSetup(_options, Ours, Quiet));
        using var newtonsoft = ActorSystem.Create("bench-default", Quiet
            .WithFallback(ConfigurationFactory.ParseString(SqlPersistenceHocon.For(_options)))
            .WithFallback(SqlPersistence.DefaultConfiguration));
        Throughput(ours, "100 actors, Persist, at once", actors: 100, async: false);
        Throughput(ours, "1 actor, PersistAsync (pipelined)", actors: 1, async: true);
        Latency(ours);

        var oursPid = Fill(ours, _sizes.RecoveryEvents);
        var defaultPid = Fill(newtonsoft, _sizes.RecoveryEvents);
        var fast = Time($"recover {_sizes.RecoveryEvents:N0} events, our serializer (System.Text.Json)", () => Recover(ours, oursPid, _sizes.RecoveryEvents, useSnapshot: false));
        var slow = Time($"recover {_sizes.RecoveryEvents:N0} events, Akka default (Newtonsoft)", () => Recover(newtonsoft, defaultPid, _sizes.RecoveryEvents, useSnapshot: false));
        Console.WriteLine($"  ratio {"recovery, ours vs Newtonsoft default",-50} {fast / slow,10:N2}x (time)");

        // A snapshot at the end of the 100k, then 100 more events: what a snapshotting actor of the service recovers.
        Snapshot(ours, oursPid, _sizes.RecoveryEvents);
        Append(ours, oursPid, 100);
        Time("recover snapshot + 100 events", () => Recover(ours, oursPid, _sizes.RecoveryEvents + 100, useSnapshot: true));
    }

    private void Throughput(ActorSystem system, string label, int actors, bool async)
    {
        var events = _sizes.WriteEvents;
        RunWriters(system, actors, Math.Max(actors, events / 10), async);
        var rates = Enumerable.Range(0, Iterations).Select(_ => events / RunWriters(system, actors, events, async).TotalSeconds).Order().ToList();
        Console.WriteLine($"  {label,-56} {rates[1],12:N0} events/s   (min {rates[0]:N0}, max {rates[^1]:N0}; n={events:N0} x{Iterations})");
    }

    private TimeSpan RunWriters(ActorSystem system, int actors, int events, bool async)
    {
        var run = Interlocked.Increment(ref _run);
        var perActor = events / actors;
        using var done = new CountdownEvent(actors);
        var refs = Enumerable.Range(0, actors)
            .Select(a => system.ActorOf(Props.Create(() => new WriterActor($"bench-{run}-{a}", perActor, done))))
            .ToList();
        foreach (var actor in refs)
        {
            actor.Tell(Ready.Instance, ActorRefs.NoSender);
        }

        // Every actor recovered before the clock starts.
        Wait(done, TimeSpan.FromSeconds(60), "actors did not recover");
        done.Reset(actors);
        var watch = Stopwatch.StartNew();
        foreach (var actor in refs)
        {
            for (var i = 0; i < perActor; i++)
            {
                actor.Tell(async ? WriteAsync.Instance : Write.Instance, ActorRefs.NoSender);
            }
        }

        Wait(done, TimeSpan.FromMinutes(5), "writes did not finish");
        var elapsed = watch.Elapsed;
        refs.ForEach(system.Stop);
        return elapsed;
    }

    /// <summary>One order event at a time: command in, journal acknowledged, handler ran — what /execution waits for.</summary>
    private void Latency(ActorSystem system)
    {
        var actor = system.ActorOf(Props.Create(() => new OrderActor($"orders-{Interlocked.Increment(ref _run)}")));
        var timeout = TimeSpan.FromSeconds(30);
        for (var i = 0; i < 50; i++)
        {
            actor.Ask<long>(Write.Instance, timeout).GetAwaiter().GetResult();
        }

        var samples = new List<double>(_sizes.LatencyEvents);
        for (var i = 0; i < _sizes.LatencyEvents; i++)
        {
            var watch = Stopwatch.StartNew();
            actor.Ask<long>(Write.Instance, timeout).GetAwaiter().GetResult();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        system.Stop(actor);
        samples.Sort();
        Console.WriteLine($"  {"journal write latency, one order event (Persist, ack)",-56} p50 {RawBaselines.Percentile(samples, 0.50),6:N2} ms  p99 {RawBaselines.Percentile(samples, 0.99),6:N2} ms  (n={samples.Count:N0})");
    }

    private string Fill(ActorSystem system, int events)
    {
        var pid = $"recovery-{Interlocked.Increment(ref _run)}";
        Append(system, pid, events);
        return pid;
    }

    private static void Append(ActorSystem system, string pid, int events)
    {
        using var done = new CountdownEvent(1);
        var writer = system.ActorOf(Props.Create(() => new WriterActor(pid, events, done)));
        writer.Tell(Ready.Instance, ActorRefs.NoSender);
        Wait(done, TimeSpan.FromSeconds(60), "writer did not recover");
        done.Reset(1);
        for (var i = 0; i < events; i++)
        {
            writer.Tell(WriteAsync.Instance, ActorRefs.NoSender);
        }

        Wait(done, TimeSpan.FromMinutes(5), "fill did not finish");
        system.Stop(writer);
    }

    private static void Snapshot(ActorSystem system, string pid, int expected)
    {
        using var done = new CountdownEvent(1);
        var actor = system.ActorOf(Props.Create(() => new RecoveringActor(pid, expected, done, true, Recovery.Default)));
        Wait(done, TimeSpan.FromMinutes(2), "snapshot did not finish");
        system.Stop(actor);
    }

    private static TimeSpan Recover(ActorSystem system, string pid, int expected, bool useSnapshot)
    {
        using var done = new CountdownEvent(1);
        var watch = Stopwatch.StartNew();
        var actor = system.ActorOf(Props.Create(() => new RecoveringActor(
            pid, expected, done, false, useSnapshot ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None))));
        Wait(done, TimeSpan.FromMinutes(2), "recovery did not finish");
        var elapsed = watch.Elapsed;
        system.Stop(actor);
        return elapsed;
    }

    private static double Time(string label, Func<TimeSpan> body)
    {
        body();
        var times = Enumerable.Range(0, Iterations).Select(_ => body().TotalMilliseconds).Order().ToList();
        Console.WriteLine($"  {label,-56} {times[1],12:N1} ms       (min {times[0]:N1}, max {times[^1]:N1}; x{Iterations})");
        return times[1];
    }

    private static void Wait(CountdownEvent done, TimeSpan max, string what)
    {
        if (!done.Wait(max))
        {
            throw new TimeoutException(what);
        }
    }

    private sealed class Ready
    {
        public static readonly Ready Instance = new();
    }

    private sealed class Write
    {
        public static readonly Write Instance = new();
    }

    private sealed class WriteAsync
    {
        public static readonly WriteAsync Instance = new();
    }

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

    /// <summary>Persists one order event per command and replies with its sequence number once it is journaled.</summary>
    private sealed class OrderActor : ReceivePersistentActor
    {
        public OrderActor(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<Write>(_ =>
            {
                var seq = LastSequenceNr + 1;
                Persist(
                    new OrderEvent($"ab-{seq:D12}", "BTCUSDT", 1, 60_123.45m, 0.015m, 59_800.00m, 60_900.00m, 1_767_225_600_000 + seq, "shockflip-long"),
                    _ => Sender.Tell(LastSequenceNr));
            });
        }

        public override string PersistenceId { get; }
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
