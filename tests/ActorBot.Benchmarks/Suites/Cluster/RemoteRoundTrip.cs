using System.Diagnostics;
using ActorBot.Engine.Cluster;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Trading;
using ActorBot.Persistence.Sql;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Benchmarks.Suites.Cluster;

/// <summary>
/// A real cross-node message and its reply: <see cref="ToSymbol"/> around a <see cref="TradeIntent"/> from system A to a
/// stand-in for the symbol's side in system B, answered with <see cref="TradeRejected"/> through the intent's reply-to
/// (A's pinger). Two actor systems over Akka.Remote TCP on 127.0.0.1, each set up as the service sets it up (our JSON
/// serializer, <see cref="EnginePersistence.CreateSerializer"/>); the same pinger and echo in ONE system is the baseline
/// (no serialization, no socket). One message in flight at a time: the latency of a hop, not throughput.
/// </summary>
internal static class RemoteRoundTrip
{
    private static readonly Config Remote = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = WARNING
        """);

    /// <summary>
    /// Round-trip times in microseconds, sorted: remote (two systems) and local (one system); and which serializer
    /// the systems bound to each message type (the figures mean little if one fell through to Akka's default).
    /// </summary>
    public static (double[] Remote, double[] Local, string Serializers) Measure(int rounds)
    {
        var persistence = SqlPersistenceOptions.SqliteFile(Path.Combine(Path.GetTempPath(), "actorbot-bench-cluster-unused.db"));
        using var a = ActorSystem.Create("bench-a", ActorBotPersistence.SystemSetup(persistence, EnginePersistence.CreateSerializer(), Remote));
        using var b = ActorSystem.Create("bench-b", ActorBotPersistence.SystemSetup(persistence, EnginePersistence.CreateSerializer(), Remote));
        try
        {
            b.ActorOf(Props.Create(() => new Echo()), "symbol");
            var local = a.ActorOf(Props.Create(() => new Echo()), "symbol");
            var remote = a.ActorSelection(new RootActorPath(((ExtendedActorSystem)b).Provider.DefaultAddress) / "user" / "symbol")
                .ResolveOne(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

            // Warm-up: JIT, the association's handshake, the serializer's caches.
            Run(a, remote, Math.Max(2_000, rounds / 5));
            Run(a, local, Math.Max(2_000, rounds / 5));
            var serializers = string.Join(", ", new[] { typeof(ToSymbol), typeof(TradeIntent), typeof(TradeRejected) }
                .Select(t => $"{t.Name} → {a.Serialization.FindSerializerForType(t).GetType().Name}"));
            return (Run(a, remote, rounds), Run(a, local, rounds), serializers);
        }
        finally
        {
            b.Terminate().Wait(TimeSpan.FromSeconds(10));
            a.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static double[] Run(ActorSystem system, IActorRef target, int rounds)
    {
        var done = new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pinger = system.ActorOf(Props.Create(() => new Pinger(target, rounds, done)));
        if (!done.Task.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException($"round trips to {target.Path} did not complete within 2 minutes");
        }

        system.Stop(pinger);
        var times = done.Task.Result;
        Array.Sort(times);
        return times;
    }

    // Sends the next intent when the previous one's reply arrives, timing each round trip.
    private sealed class Pinger : ReceiveActor
    {
        private readonly IActorRef _target;
        private readonly double[] _times;
        private readonly TaskCompletionSource<double[]> _done;
        private int _round;
        private long _sentAt;

        public Pinger(IActorRef target, int rounds, TaskCompletionSource<double[]> done)
        {
            _target = target;
            _times = new double[rounds];
            _done = done;
            Receive<TradeRejected>(_ =>
            {
                _times[_round] = Stopwatch.GetElapsedTime(_sentAt).TotalMicroseconds;
                if (++_round == _times.Length)
                {
                    _done.TrySetResult(_times);
                    return;
                }

                Send();
            });
        }

        protected override void PreStart() => Send();

        private void Send()
        {
            var intent = new TradeIntent("binance-usdm", "BTCUSD_PERP", $"evt-{_round}", 1_778_200_000_000 + _round, 1, 101_234.5m, 100_000m, 103_000m, Self);
            _sentAt = Stopwatch.GetTimestamp();
            _target.Tell(new ToSymbol("binance-usdm", "BTCUSD_PERP", intent));
        }
    }

    // The far side: unwraps the envelope as the shard region's extractor does and answers the intent's reply-to.
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<ToSymbol>(m => m.Message is TradeIntent, m =>
            {
                var intent = (TradeIntent)m.Message;
                intent.ReplyTo.Tell(new TradeRejected(intent.Symbol, intent.EventId, "bench", string.Empty));
            });
        }
    }
}
