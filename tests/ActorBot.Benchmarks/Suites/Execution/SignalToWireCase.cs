using System.Diagnostics;
using System.Threading.Channels;
using ActorBot.Domain.Execution;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace ActorBot.Benchmarks.Suites.Execution;

/// <summary>
/// Signal → order on the wire through the actor tree: a real ActorSystem on a SQLite journal in a temp directory,
/// <c>/user/risk</c> (<see cref="RiskActor"/>: gates, sizing, journal write before the order may leave) and
/// <see cref="ExecutionActor"/> (journal write, signed REST call) against the loopback simulator. Timed from the
/// <see cref="TradeIntent"/> Tell to the moment the simulator's engine accepts the entry (its <c>UserEvent</c> for
/// the entry's client order id, <c>x = NEW</c>, raised inside the venue's order handling) — one way, so it is the
/// trader's "time to market", not a round trip. Each intent is settled before the next (brackets placed, then
/// closed by <see cref="ClosePosition"/>), so the venue stays flat, risk's slot is free again, and nothing else runs
/// while the next one is timed. Its own simulator: the order counts of the other cases cannot pace this one.
/// </summary>
internal static class SignalToWireCase
{
    private const string Symbol = "BTCUSDT";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <returns>the bare ping round trips and the signal → wire times (ms, sorted), both against this case's simulator.</returns>
    public static async Task<(double[] Ping, double[] SignalToWire)> RunAsync(int signals)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, WeightLimit = 10_000_000, AutoStartReplay = false });
        sim.PublishTrade(Symbol, 60_000m, 0.01m, 1);
        var dir = Directory.CreateTempSubdirectory("actorbot-bench-exec-").FullName;
        using var http = new HttpClient { BaseAddress = sim.RestUri };
        try
        {
            var persistence = SqlPersistenceOptions.SqliteFile(Path.Combine(dir, "actorbot.db"));
            await SchemaCreator.CreateAsync(persistence);
            var system = ActorSystem.Create("bench", ActorBotPersistence.SystemSetup(persistence, EnginePersistence.CreateSerializer(),
                ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
            try
            {
                var client = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = sim.RestUri, MaxRetries = 0, WeightLimitPerMinute = 10_000_000, WeightShare = 1.0 },
                    new BinanceCredentials(new SimulatorOptions().ApiKey, new SimulatorOptions().ApiSecret), new DecodeErrorCounter());
                var tree = await Tree.StartAsync(system, sim, client);
                // Warm-up: JIT of the actor path, SQLite, the connection pool.
                await ExecutionSuite.Measure(100, async _ => (await http.GetAsync("/fapi/v1/ping")).EnsureSuccessStatusCode());
                for (var i = 0; i < 5; i++)
                {
                    await tree.Signal(1_000 + i);
                }

                var ping = await ExecutionSuite.Measure(signals * 2, async _ => (await http.GetAsync("/fapi/v1/ping")).EnsureSuccessStatusCode());
                var wire = new double[signals];
                for (var i = 0; i < signals; i++)
                {
                    wire[i] = await tree.Signal(i);
                }

                Array.Sort(wire);
                return (ping, wire);
            }
            finally
            {
                await system.Terminate();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>/risk and /execution plus an inbox standing in for the trader; one signal at a time.</summary>
    private sealed class Tree
    {
        private readonly SimulatorHost _sim;
        private readonly IActorRef _risk;
        private readonly IActorRef _trader;
        private readonly ChannelReader<object> _inbox;
        private readonly string _strategy;
        private Pending? _pending;

        private Tree(SimulatorHost sim, IActorRef risk, IActorRef trader, ChannelReader<object> inbox, string strategy)
        {
            _sim = sim;
            _risk = risk;
            _trader = trader;
            _inbox = inbox;
            _strategy = strategy;
            sim.Engine.UserEvent += OnVenueEvent;
        }

        public static async Task<Tree> StartAsync(ActorSystem system, SimulatorHost sim, BinanceRestClient client)
        {
            var settings = new ExecutionSettings("sim", [Symbol]);
            var execution = system.ActorOf(ExecutionActor.Props(settings, client, sim.WsUri, new DecodeErrorCounter()), "execution-sim");
            var defaults = RiskSettingsReader.FromConfig(Config.Empty);
            // Caps out of the way: every intent is approved, so this times the path, not a refusal.
            var riskSettings = defaults with
            {
                Rules = defaults.Rules with { DailyLossCapUsd = 1_000_000m, LossStreakMax = 1_000_000, MaxOpenTradesPerSymbol = 10, MaxOpenTradesGlobal = 10, MaxNotionalPerSymbolUsd = 1_000_000m },
                FreeBalanceUsd = 100_000m,
            };
            var risk = system.ActorOf(Props.Create(() => new RiskActor(riskSettings, execution)), "risk");
            risk.Tell(new SymbolWarmChanged(Symbol, true));
            risk.Tell(new EntriesPauseChanged(Symbol, false));
            var channel = Channel.CreateUnbounded<object>();
            var trader = system.ActorOf(Props.Create(() => new Inbox(channel.Writer)), "trader");

            // Restart-flatten reads the venue before the first intent; wait for it so it is not timed.
            var deadline = Stopwatch.StartNew();
            while ((await execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, Wait)).Phase != ExecutionPhase.Ready)
            {
                if (deadline.Elapsed > Wait)
                {
                    throw new TimeoutException("execution did not become ready");
                }

                await Task.Delay(10);
            }

            return new Tree(sim, risk, trader, channel.Reader, settings.Strategy);
        }

        /// <summary>One intent: timed (ms) to the venue's acceptance of the entry, then settled (brackets, close) untimed.</summary>
        public async Task<double> Signal(int i)
        {
            var signalTimeMs = 1_700_000_000_000 + (i * 60_000L);
            var eventId = $"bench-{i}";
            var pending = new Pending(ClientOrderId.Create(_strategy, Symbol, signalTimeMs, OrderLeg.Entry));
            Volatile.Write(ref _pending, pending);
            var start = Stopwatch.GetTimestamp();
            _risk.Tell(new TradeIntent("sim", Symbol, eventId, signalTimeMs, 1, 60_000m, 59_900m, 60_400m, _trader));
            var accepted = await pending.AcceptedAt.Task.WaitAsync(Wait);
            var elapsed = Stopwatch.GetElapsedTime(start, accepted);

            await Expect<BracketsPlaced>(eventId);
            _risk.Tell(new ClosePosition(Symbol, eventId, "horizon"), _trader);
            await Expect<PositionClosed>(eventId);
            if (_sim.Engine.PositionAmount(Symbol) != 0m)
            {
                throw new InvalidOperationException($"position left after closing {eventId}");
            }

            return elapsed.TotalMilliseconds;
        }

        private async Task Expect<T>(string eventId)
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (true)
            {
                var m = await _inbox.ReadAsync(timeout.Token);
                switch (m)
                {
                    case T when EventIdOf(m) == eventId:
                        return;
                    case TradeRejected r:
                        throw new InvalidOperationException($"risk refused {r.EventId}: {r.Reason} {r.Detail}");
                    case EntryFailed f:
                        throw new InvalidOperationException($"entry {f.EventId} failed: {f.Reason}");
                }
            }
        }

        private static string? EventIdOf(object m) => m switch
        {
            EntryFilled x => x.EventId,
            BracketsPlaced x => x.EventId,
            PositionClosed x => x.EventId,
            _ => null,
        };

        // Raised inside the simulator's order handling (under its lock): the entry is on the venue now.
        private void OnVenueEvent(string json)
        {
            if (Volatile.Read(ref _pending) is { } p && json.Contains(p.ClientOrderId, StringComparison.Ordinal)
                && json.Contains("\"x\":\"NEW\"", StringComparison.Ordinal))
            {
                p.AcceptedAt.TrySetResult(Stopwatch.GetTimestamp());
            }
        }
    }

    private sealed record Pending(string ClientOrderId)
    {
        public TaskCompletionSource<long> AcceptedAt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Stands in for /trader: everything risk and execution answer goes to the channel.</summary>
    private sealed class Inbox : ReceiveActor
    {
        public Inbox(ChannelWriter<object> writer) => ReceiveAny(m => writer.TryWrite(m));
    }
}
