using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;

namespace ActorBot.Benchmarks.Suites;

/// <summary>
/// Akka.NET message passing next to raw <see cref="Channel"/> handoffs between the same number of tasks:
/// 1→1, 8→1 and 1→8 throughput, ping-pong and Ask round-trip latency (p50/p99), and bytes allocated per
/// message (all threads, precise). Each case: one warm-up run, then the median of the timed runs.
/// Usage: <c>actors [messages] [runs]</c> (defaults 1,000,000 and 5).
/// </summary>
public sealed class ActorMessagingSuite : IBenchmarkSuite
{
    private static readonly object Payload = new();

    public string Name => "actors";

    public int Run(string[] args)
    {
        var messages = args.Length > 0 && int.TryParse(args[0], out var m) && m > 0 ? m : 1_000_000;
        var runs = args.Length > 1 && int.TryParse(args[1], out var r) && r > 0 ? r : 5;
        Console.WriteLine($"actors suite (Akka {typeof(ActorSystem).Assembly.GetName().Version}): {messages:N0} messages per run, {runs} timed runs (median), {Environment.ProcessorCount} cores, {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine($"{"case",-22} {"actors msg/s",14} {"channels msg/s",15} {"ratio",7} {"actor B/msg",12} {"chan B/msg",11} {"gen0",6} {"gen2",6}");

        using var system = ActorSystem.Create("bench");
        Throughput("1->1 tell", runs, () => ActorFanIn(system, messages, 1), () => ChannelFanIn(messages, 1));
        Throughput("8->1 fan-in", runs, () => ActorFanIn(system, messages, 8), () => ChannelFanIn(messages, 8));
        Throughput("1->8 fan-out", runs, () => ActorFanOut(system, messages, 8), () => ChannelFanOut(messages, 8));
        Throughput("1->1 paced (steady)", runs, () => ActorPaced(system, messages), () => ChannelPaced(messages));
        Console.WriteLine("paced: the sender keeps at most 1,000 messages in flight, so the mailbox does not grow (steady state);");
        Console.WriteLine("the unpaced cases let the backlog grow, and B/msg there is mostly the queue's growth.");
        Console.WriteLine();

        var rounds = Math.Max(10_000, messages / 20);
        Console.WriteLine($"{"round trip",-22} {"actor p50 us",13} {"actor p99 us",13} {"chan p50 us",12} {"chan p99 us",12} {"actor B/rt",11}");
        Latency("ping-pong", () => ActorPingPong(system, rounds), () => ChannelPingPong(rounds));
        Latency("ask", () => ActorAsk(system, rounds), () => ChannelPingPong(rounds));
        return 0;
    }

    private static void Throughput(string name, int runs, Func<Measurement> actors, Func<Measurement> channels)
    {
        WarmUp(() => actors());
        WarmUp(() => channels());
        var a = Median(Enumerable.Range(0, runs).Select(_ => actors()).ToList());
        var c = Median(Enumerable.Range(0, runs).Select(_ => channels()).ToList());
        Console.WriteLine($"{name,-22} {a.PerSecond,14:N0} {c.PerSecond,15:N0} {a.PerSecond / c.PerSecond,7:F2} {a.BytesPerMessage,12:F1} {c.BytesPerMessage,11:F1} {a.Gen0,6} {a.Gen2,6}");
    }

    private static void Latency(string name, Func<LatencyResult> actors, Func<LatencyResult> channels)
    {
        WarmUp(() => actors());
        WarmUp(() => channels());
        var a = actors();
        var c = channels();
        Console.WriteLine($"{name,-22} {a.P50,13:F1} {a.P99,13:F1} {c.P50,12:F1} {c.P99,12:F1} {a.BytesPerRoundTrip,11:F1}");
    }

    /// <summary>
    /// Runs a case for at least 1.5 s: tiered compilation (and PGO) promotes the hot message path only
    /// after its call counts and a quiet period, and a single short warm-up run measured tier-0 code.
    /// </summary>
    private static void WarmUp(Action run)
    {
        var stopwatch = Stopwatch.StartNew();
        var count = 0;
        while (count < 2 || stopwatch.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            run();
            count++;
        }
    }

    private static Measurement Median(List<Measurement> results) =>
        results.OrderBy(x => x.PerSecond).ElementAt(results.Count / 2);

    private static Measurement ActorFanIn(ActorSystem system, int messages, int producers)
    {
        var perProducer = messages / producers;
        var total = perProducer * producers;
        var done = new ManualResetEventSlim(false);
        var sink = system.ActorOf(Props.Create(() => new CountingActor(total, done)));
        var start = new Barrier(producers + 1);
        var tasks = Enumerable.Range(0, producers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
            {
                sink.Tell(Payload, ActorRefs.NoSender);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        var measurement = Measure(total, () =>
        {
            start.SignalAndWait();
            done.Wait();
        });
        Task.WaitAll(tasks);
        system.Stop(sink);
        return measurement;
    }

    private static Measurement ChannelFanIn(int messages, int producers)
    {
        var perProducer = messages / producers;
        var total = perProducer * producers;
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = producers == 1 });
        var start = new Barrier(producers + 1);
        var writers = Enumerable.Range(0, producers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
            {
                channel.Writer.TryWrite(Payload);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        var reader = Task.Run(async () =>
        {
            var count = 0;
            while (count < total && await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    count++;
                }
            }
        });
        var measurement = Measure(total, () =>
        {
            start.SignalAndWait();
            reader.Wait();
        });
        Task.WaitAll(writers);
        return measurement;
    }

    private static Measurement ActorFanOut(ActorSystem system, int messages, int consumers)
    {
        var perConsumer = messages / consumers;
        var total = perConsumer * consumers;
        var done = Enumerable.Range(0, consumers).Select(_ => new ManualResetEventSlim(false)).ToArray();
        var sinks = done.Select(d => system.ActorOf(Props.Create(() => new CountingActor(perConsumer, d)))).ToArray();
        var measurement = Measure(total, () =>
        {
            for (var i = 0; i < perConsumer; i++)
            {
                for (var k = 0; k < sinks.Length; k++)
                {
                    sinks[k].Tell(Payload, ActorRefs.NoSender);
                }
            }

            foreach (var d in done)
            {
                d.Wait();
            }
        });
        foreach (var sink in sinks)
        {
            system.Stop(sink);
        }

        return measurement;
    }

    private static Measurement ChannelFanOut(int messages, int consumers)
    {
        var perConsumer = messages / consumers;
        var total = perConsumer * consumers;
        var channels = Enumerable.Range(0, consumers)
            .Select(_ => Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var readers = channels.Select(channel => Task.Run(async () =>
        {
            var count = 0;
            while (count < perConsumer && await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    count++;
                }
            }
        })).ToArray();
        return Measure(total, () =>
        {
            for (var i = 0; i < perConsumer; i++)
            {
                for (var k = 0; k < channels.Length; k++)
                {
                    channels[k].Writer.TryWrite(Payload);
                }
            }

            Task.WaitAll(readers);
        });
    }

    private const int Window = 1_000;

    private static Measurement ActorPaced(ActorSystem system, int messages)
    {
        var done = new ManualResetEventSlim(false);
        var progress = new StrongBox(0);
        var sink = system.ActorOf(Props.Create(() => new CountingActor(messages, done, progress)));
        var measurement = Measure(messages, () =>
        {
            for (var sent = 0; sent < messages; sent++)
            {
                if (sent - Volatile.Read(ref progress.Value) >= Window)
                {
                    SpinUntil(progress, sent - Window / 2);
                }

                sink.Tell(Payload, ActorRefs.NoSender);
            }

            done.Wait();
        });
        system.Stop(sink);
        return measurement;
    }

    private static Measurement ChannelPaced(int messages)
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var progress = new StrongBox(0);
        var reader = Task.Run(async () =>
        {
            var count = 0;
            while (count < messages && await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    Volatile.Write(ref progress.Value, ++count);
                }
            }
        });
        return Measure(messages, () =>
        {
            for (var sent = 0; sent < messages; sent++)
            {
                if (sent - Volatile.Read(ref progress.Value) >= Window)
                {
                    SpinUntil(progress, sent - Window / 2);
                }

                channel.Writer.TryWrite(Payload);
            }

            reader.Wait();
        });
    }

    private static void SpinUntil(StrongBox progress, int target)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref progress.Value) < target)
        {
            spinner.SpinOnce();
        }
    }

    private static LatencyResult ActorPingPong(ActorSystem system, int rounds)
    {
        var samples = new long[rounds];
        var done = new ManualResetEventSlim(false);
        var ponger = system.ActorOf(Props.Create(() => new PongActor()));
        var pinger = system.ActorOf(Props.Create(() => new PingActor(ponger, samples, done)));
        var before = GC.GetTotalAllocatedBytes(true);
        pinger.Tell(Payload, ActorRefs.NoSender);
        done.Wait();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        system.Stop(pinger);
        system.Stop(ponger);
        return LatencyResult.From(samples, allocated);
    }

    private static LatencyResult ActorAsk(ActorSystem system, int rounds)
    {
        var samples = new long[rounds];
        var ponger = system.ActorOf(Props.Create(() => new PongActor()));
        var before = GC.GetTotalAllocatedBytes(true);
        Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await ponger.Ask<object>(Payload);
                samples[i] = Stopwatch.GetTimestamp() - t0;
            }
        }).Wait();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        system.Stop(ponger);
        return LatencyResult.From(samples, allocated);
    }

    private static LatencyResult ChannelPingPong(int rounds)
    {
        var samples = new long[rounds];
        var ping = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pong = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var ponger = Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var item = await ping.Reader.ReadAsync();
                pong.Writer.TryWrite(item);
            }
        });
        var before = GC.GetTotalAllocatedBytes(true);
        Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                ping.Writer.TryWrite(Payload);
                await pong.Reader.ReadAsync();
                samples[i] = Stopwatch.GetTimestamp() - t0;
            }
        }).Wait();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        ponger.Wait();
        return LatencyResult.From(samples, allocated);
    }

    private static Measurement Measure(int messages, Action run)
    {
        var before = GC.GetTotalAllocatedBytes(true);
        var gen2 = GC.CollectionCount(2);
        var gen0 = GC.CollectionCount(0);
        var stopwatch = Stopwatch.StartNew();
        run();
        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        return new Measurement(messages / stopwatch.Elapsed.TotalSeconds, (double)allocated / messages, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
    }

    private sealed record Measurement(double PerSecond, double BytesPerMessage, int Gen0 = 0, int Gen2 = 0);

    private sealed record LatencyResult(double P50, double P99, double BytesPerRoundTrip)
    {
        public static LatencyResult From(long[] ticks, long allocated)
        {
            var sorted = ticks.OrderBy(t => t).ToArray();
            double Micros(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
            return new LatencyResult(Micros(sorted[sorted.Length / 2]), Micros(sorted[(int)(sorted.Length * 0.99)]), (double)allocated / ticks.Length);
        }
    }

    /// <summary>A mutable int shared between a producer and a consumer.</summary>
    private sealed class StrongBox(int value)
    {
        public int Value = value;
    }

    private sealed class CountingActor : UntypedActor
    {
        private readonly int _target;
        private readonly ManualResetEventSlim _done;
        private readonly StrongBox? _progress;
        private int _count;

        public CountingActor(int target, ManualResetEventSlim done, StrongBox? progress = null)
        {
            _target = target;
            _done = done;
            _progress = progress;
        }

        protected override void OnReceive(object message)
        {
            ++_count;
            if (_progress is not null)
            {
                Volatile.Write(ref _progress.Value, _count);
            }

            if (_count == _target)
            {
                _done.Set();
            }
        }
    }

    private sealed class PongActor : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    private sealed class PingActor : UntypedActor
    {
        private readonly IActorRef _ponger;
        private readonly long[] _samples;
        private readonly ManualResetEventSlim _done;
        private int _round;
        private long _sentAt;

        public PingActor(IActorRef ponger, long[] samples, ManualResetEventSlim done)
        {
            _ponger = ponger;
            _samples = samples;
            _done = done;
        }

        protected override void OnReceive(object message)
        {
            if (_sentAt != 0)
            {
                _samples[_round++] = Stopwatch.GetTimestamp() - _sentAt;
                if (_round == _samples.Length)
                {
                    _done.Set();
                    return;
                }
            }

            _sentAt = Stopwatch.GetTimestamp();
            _ponger.Tell(message, Self);
        }
    }
}
