using System.Globalization;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Execution.CrashChild;

/// <summary>
/// <c>CrashChild &lt;sqlite file&gt; &lt;simulator REST base&gt; &lt;simulator WS base&gt;</c>: starts an actor system on the
/// real SQLite journal and /execution against the simulator, waits until restart-flatten is done (phase Ready) and
/// prints <c>READY</c>. Each stdin line <c>go &lt;signal time ms&gt; &lt;count&gt;</c> sends that many <see cref="PlaceEntry"/>
/// (alternating BTCUSDT long / ETHUSDT short, event ids <c>ev-{time}-{i}</c>, signal times time+i); every reply is
/// printed (<c>FILLED id</c>, <c>BRACKETS id</c>, <c>CLOSED id reason</c>, <c>FAILED id reason</c>). It then idles
/// until the parent kills it with SIGKILL.
/// </summary>
public static class Program
{
    public static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3)
        {
            await Console.Error.WriteLineAsync("usage: CrashChild <sqlite file> <rest base uri> <ws base uri>");
            return 2;
        }

        var options = SqlPersistenceOptions.SqliteFile(args[0]);
        await SchemaCreator.CreateAsync(options);
        using var http = new HttpClient();
        var rest = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = new Uri(args[1]), RequestTimeout = TimeSpan.FromSeconds(10) },
            new BinanceCredentials("sim-api-key", "sim-api-secret"), new DecodeErrorCounter(), jitter: new Random(7));
        using var system = ActorSystem.Create("exec-crash-child", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
            ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        var settings = new ExecutionSettings("sim", Symbols, RestartRetry: TimeSpan.FromMilliseconds(200), LookupRetry: TimeSpan.FromMilliseconds(200));
        var execution = system.ActorOf(ExecutionActor.Props(settings, rest, new Uri(args[2]), new DecodeErrorCounter()), "execution-sim");
        var printer = system.ActorOf(Props.Create(() => new ReplyPrinter()), "trader");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            // 30 s, not 5: the first answer waits for the journal's recovery, which on a loaded 2-core CI machine took
            // over 5 s once; the 60 s deadline above still bounds the whole wait.
            var status = await execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromSeconds(30));
            if (status.Phase == ExecutionPhase.Ready)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                await Console.Error.WriteLineAsync($"execution not Ready within 60 s: {status}");
                return 1;
            }

            await Task.Delay(10); // poll interval of a bounded wait on the actor's own phase
        }

        Console.Out.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is not ["go", var time, var count])
            {
                continue;
            }

            var signal = long.Parse(time, CultureInfo.InvariantCulture);
            for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++)
            {
                execution.Tell(Entry(signal + i, i, printer));
            }
        }

        // stdin closed: idle until killed.
        await system.WhenTerminated;
        return 1;
    }

    /// <summary>Entry i: BTCUSDT long around 60000 or ETHUSDT short around 3000 (the prices the parent seeds), ±2 % brackets.</summary>
    public static PlaceEntry Entry(long signalTimeMs, int i, IActorRef replyTo) => i % 2 == 0
        ? new PlaceEntry("BTCUSDT", $"ev-{signalTimeMs}-{i}", signalTimeMs, 1, 0.01m, 58_800m, 61_200m, replyTo)
        : new PlaceEntry("ETHUSDT", $"ev-{signalTimeMs}-{i}", signalTimeMs, -1, 0.1m, 3_060m, 2_940m, replyTo);

    private sealed class ReplyPrinter : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var line = message switch
            {
                EntryFilled f => $"FILLED {f.EventId}",
                BracketsPlaced b => $"BRACKETS {b.EventId}",
                PositionClosed c => $"CLOSED {c.EventId} {c.Reason}",
                EntryFailed f => $"FAILED {f.EventId} {f.Reason}",
                _ => null,
            };
            if (line is not null)
            {
                Console.Out.WriteLine(line);
            }
        }
    }
}
