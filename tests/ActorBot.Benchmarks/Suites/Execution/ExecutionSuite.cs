using System.Diagnostics;
using System.Globalization;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;

namespace ActorBot.Benchmarks.Suites.Execution;

/// <summary>
/// An order on the wire to the loopback venue simulator: a signed MARKET order (HMAC signing, weight limiter,
/// HTTP, the simulator's fill) and a conditional order through the Algo Order API, each timed call by call, next to a
/// bare HTTP round trip (<c>GET /fapi/v1/ping</c>) to the same simulator in the same run; then signal → order on the
/// wire through /risk and /execution (<see cref="SignalToWireCase"/>, its own simulator and ping baseline).
/// The client's own weight budget is lifted here (its limiter would otherwise queue the run), so this measures the
/// path, not the rate limit; the order-count limiter (Binance's per-10 s order count times the weight share) still
/// applies, so the default of 100 orders per case stays under it. Usage: <c>execution [rounds] [signals]</c> (defaults 100
/// and 50; a signal costs four orders: entry, two brackets, close).
/// </summary>
public sealed class ExecutionSuite : IBenchmarkSuite
{
    public string Name => "execution";

    public int Run(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 100;
        var signals = args.Length > 1 && int.TryParse(args[1], out var s) && s > 0 ? s : 50;
        return RunAsync(rounds, signals).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int rounds, int signals)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, WeightLimit = 10_000_000, AutoStartReplay = false });
        sim.PublishTrade("BTCUSDT", 60_000m, 0.01m, 1);
        using var http = new HttpClient { BaseAddress = sim.RestUri };
        var client = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = sim.RestUri, MaxRetries = 0, WeightLimitPerMinute = 10_000_000, WeightShare = 1.0 },
            new BinanceCredentials(new SimulatorOptions().ApiKey, new SimulatorOptions().ApiSecret), new DecodeErrorCounter());
        Console.WriteLine($"execution suite: {rounds:N0} rounds each, loopback simulator at {sim.RestUri}, {Environment.ProcessorCount} cores, {Environment.Version}");

        // Warm-up: JIT, connection pool, the simulator's first requests.
        await Measure(100, async _ => (await http.GetAsync("/fapi/v1/ping")).EnsureSuccessStatusCode());
        await Measure(20, i => Order(client, i, "warm"));

        var ping = await Measure(rounds, async _ => (await http.GetAsync("/fapi/v1/ping")).EnsureSuccessStatusCode());
        var market = await Measure(rounds, i => Order(client, i, "bench"));
        var algo = await Measure(rounds, async i =>
        {
            var id = "bench-algo-" + i.ToString(CultureInfo.InvariantCulture);
            var placed = await client.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", id, 50_000m, Quantity: 0.001m, ReduceOnly: false));
            Require(placed.IsSuccess, "algo order", placed.Error?.ToString());
        });
        await client.CancelAllAlgoOrdersAsync("BTCUSDT");

        Console.WriteLine();
        Console.WriteLine($"{"case",-44} {"p50 ms",8} {"p99 ms",8} {"mean ms",8} {"p50 / ping",11}");
        Print("bare HTTP round trip, GET /fapi/v1/ping", ping, ping);
        Print("signed MARKET order, POST /fapi/v1/order", market, ping);
        Print("signed STOP_MARKET, POST /fapi/v1/algoOrder", algo, ping);

        var (treePing, wire) = await SignalToWireCase.RunAsync(signals);
        Console.WriteLine();
        Console.WriteLine($"signal -> order on the wire: {signals:N0} intents, /risk + execution on a SQLite journal, its own simulator");
        Console.WriteLine($"{"case",-44} {"p50 ms",8} {"p99 ms",8} {"mean ms",8} {"p50 / ping",11}");
        Print("bare HTTP round trip, GET /fapi/v1/ping", treePing, treePing);
        Print("TradeIntent Tell -> entry at the venue", wire, treePing);
        Console.WriteLine($"{"p99 / ping p99",-44} {Percentile(wire, 0.99) / Percentile(treePing, 0.99),8:F2}");
        return 0;
    }

    private static async Task Order(BinanceRestClient client, int i, string prefix)
    {
        // Alternate sides so the position stays flat.
        var side = i % 2 == 0 ? "BUY" : "SELL";
        var id = $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}";
        var result = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", side, "MARKET", id, Quantity: 0.001m));
        Require(result.IsSuccess, "market order", result.Error?.ToString());
    }

    private static void Require(bool ok, string what, string? detail)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"{what} failed: {detail}");
        }
    }

    internal static async Task<double[]> Measure(int rounds, Func<int, Task> call)
    {
        var ms = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(i);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(ms);
        return ms;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Print(string name, double[] sample, double[] baseline) =>
        Console.WriteLine($"{name,-44} {Percentile(sample, 0.5),8:F3} {Percentile(sample, 0.99),8:F3} {sample.Average(),8:F3} {Percentile(sample, 0.5) / Percentile(baseline, 0.5),11:F2}");
}
