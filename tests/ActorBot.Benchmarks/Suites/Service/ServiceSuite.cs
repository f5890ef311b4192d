using System.Globalization;
using System.Text;
using ActorBot.Benchmarks.Suites.Execution;

namespace ActorBot.Benchmarks.Suites.Service;

/// <summary>
/// <c>service [signals]</c> (default 50): signal → order through the whole running service (<see cref="ServiceTree"/>:
/// trader → /user/bot/risk → /user/venues/{venue}/execution → the loopback simulator's engine accepting the entry),
/// p50/p99 over the signals, next to a bare REST round trip (<c>GET /fapi/v1/ping</c>) to the same simulator in the
/// same run. Printed, and written to <c>benchmark-results/service-{UTC time}.md</c> under the working directory.
/// RSS is measured outside this process, by <c>tests/ActorBot.Benchmarks/soak.sh</c> (docs/benchmarks.md).
/// </summary>
public sealed class ServiceSuite : IBenchmarkSuite
{
    public string Name => "service";

    public int Run(string[] args)
    {
        var signals = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 50;
        return RunAsync(signals).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int signals)
    {
        await using var tree = await ServiceTree.StartAsync();
        using var http = new HttpClient { BaseAddress = tree.Simulator.RestUri };
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"service suite, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: {signals:N0} signals through the service tree to the loopback simulator at {tree.Simulator.RestUri}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        // Warm-up: JIT of the whole path, SQLite, the connection pools.
        await ExecutionSuite.Measure(100, async _ => (await http.GetAsync("/fapi/v1/ping")).EnsureSuccessStatusCode());
        for (var i = 0; i < 5; i++)
        {
            await tree.Signal(10_000 + i);
        }

        var ping = await ExecutionSuite.Measure(signals * 2, async _ => (await http.GetAsync("/fapi/v1/ping")).EnsureSuccessStatusCode());
        var wire = new double[signals];
        for (var i = 0; i < signals; i++)
        {
            wire[i] = await tree.Signal(i);
        }

        Array.Sort(wire);
        Line(string.Empty);
        Line($"| case | p50 ms | p99 ms | mean ms | p50 / ping |");
        Line($"|---|---|---|---|---|");
        Line(Row("bare HTTP round trip, GET /fapi/v1/ping (same simulator)", ping, ping));
        Line(Row("signal at /trader -> entry accepted by the venue", wire, ping));
        Line(string.Create(CultureInfo.InvariantCulture, $"p99 / ping p99: {Percentile(wire, 0.99) / Percentile(ping, 0.99):F2}"));

        var dir = Directory.CreateDirectory("benchmark-results").FullName;
        var file = Path.Combine(dir, $"service-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.md");
        await File.WriteAllTextAsync(file, report.ToString());
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Row(string name, double[] sample, double[] baseline) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Percentile(sample, 0.5):F3} | {Percentile(sample, 0.99):F3} | {sample.Average():F3} | {Percentile(sample, 0.5) / Percentile(baseline, 0.5):F1} |");
}
