using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorBot.Cluster.Tests.Harness;
using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Benchmarks.Suites.Cluster;

/// <summary>
/// <c>cluster [rounds] [--takeovers N]</c> (defaults 20,000 and 2; <c>--takeovers 0</c> skips the processes):
/// <list type="number">
/// <item>cross-node round trip p50/p99: <see cref="Engine.Cluster.ToSymbol"/>(<see cref="Engine.Trading.TradeIntent"/>) to another
/// actor system over Akka.Remote TCP on loopback and its reply, next to the same round trip inside one system
/// (<see cref="RemoteRoundTrip"/>);</item>
/// <item>takeover time from the process harness of tests/ActorBot.Cluster.Tests: three <c>actorbot run --cluster</c>
/// processes, SIGKILL of the busiest node, time until every symbol is owned by a live node and until trading resumed
/// (/ready 200 on the survivors), then the node restarted and rebalanced; next to one node: a single-node <c>run</c>
/// SIGKILLed and started again at once, time until its /ready is 200.</item>
/// </list>
/// Printed, and written to <c>benchmark-results/cluster-{UTC time}.md</c> under the working directory.
/// </summary>
public sealed class ClusterSuite : IBenchmarkSuite
{
    public string Name => "cluster";

    private static Func<TimeSpan, string> Seconds => t => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);

    public int Run(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) && r > 0 ? r : 20_000;
        var at = Array.IndexOf(args, "--takeovers");
        var takeovers = at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var k) && k >= 0 ? k : 2;
        return RunAsync(rounds, takeovers).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int rounds, int takeovers)
    {
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"cluster suite, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: {rounds:N0} round trips, {takeovers} takeovers, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        var (remote, local, serializers) = RemoteRoundTrip.Measure(rounds);
        Line("serializers: " + serializers);
        Line(string.Empty);
        Line("| round trip (ToSymbol(TradeIntent) → TradeRejected to the reply-to) | p50 µs | p99 µs | mean µs |");
        Line("|---|---|---|---|");
        Line(Row("two actor systems, Akka.Remote TCP on 127.0.0.1, our JSON serializer", remote));
        Line(Row("one actor system (no serialization, no socket)", local));
        Line(string.Create(CultureInfo.InvariantCulture, $"remote / local: p50 {Percentile(remote, 0.5) / Percentile(local, 0.5):F1}x, p99 {Percentile(remote, 0.99) / Percentile(local, 0.99):F1}x"));

        if (takeovers > 0)
        {
            Line(string.Empty);
            if (PostgresBinaries.Directory is null)
            {
                Line("takeover: skipped, " + PostgresBinaries.MissingMessage);
            }
            else
            {
                await TakeoversAsync(takeovers, Line);
            }
        }

        var dir = Directory.CreateDirectory("benchmark-results").FullName;
        var file = Path.Combine(dir, $"cluster-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.md");
        await File.WriteAllTextAsync(file, report.ToString());
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static async Task TakeoversAsync(int count, Action<string> line)
    {
        var results = new List<TakeoverResult>();
        var rejoins = new List<TimeSpan>();
        await using (var rig = await ClusterRig.StartAsync(_ => { }))
        {
            try
            {
                var owners = await rig.WaitForTradingAsync("");
                for (var i = 0; i < count; i++)
                {
                    var result = await Takeover.KillBusiestAsync(rig, owners, TimeSpan.FromSeconds(90));
                    results.Add(result);
                    var clock = Stopwatch.StartNew();
                    owners = await Takeover.RejoinAsync(rig, result.Victim, TimeSpan.FromSeconds(90));
                    await ClusterRig.WaitForReadyAsync(rig.Nodes, "every node /ready 200 after the rejoin", TimeSpan.FromSeconds(45));
                    rejoins.Add(clock.Elapsed);
                    Console.WriteLine($"takeover {i + 1}: {result.Victim.Name} ({result.Moved.Count} symbols) owned after {Seconds(result.OwnedAfter)} s, resumed after {Seconds(result.ResumedAfter)} s; rejoined and rebalanced in {Seconds(clock.Elapsed)} s");
                }
            }
            catch
            {
                rig.DumpTails();
                throw;
            }

            foreach (var node in rig.Nodes)
            {
                node.Process?.Kill();
            }

            var single = await SingleNodeRestartAsync(rig);
            line("| takeover (SIGKILL → …) | runs | median s | max s |");
            line("|---|---|---|---|");
            line(TimeRow("3 nodes: every symbol owned by a live node", results.Select(r => r.OwnedAfter).ToList()));
            line(TimeRow("3 nodes: trading resumed (/ready 200 on the survivors)", results.Select(r => r.ResumedAfter).ToList()));
            line(TimeRow("3 nodes: killed node restarted, Up, owns a symbol again, all /ready 200", rejoins));
            line(TimeRow("1 node (no cluster, SQLite): restarted at once, /ready 200", [single]));
        }
    }

    // A single-node run: start, ready, SIGKILL, start again at once (what a supervisor does), time until ready.
    private static async Task<TimeSpan> SingleNodeRestartAsync(ClusterRig rig)
    {
        using var node = await rig.SingleNodeAsync();
        node.Start();
        await ClusterRig.WaitForReadyAsync([node], "the single node /ready 200", TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        node.Process!.Kill();
        node.Start();
        await ClusterRig.WaitForReadyAsync([node], "the restarted single node /ready 200", TimeSpan.FromSeconds(60));
        return clock.Elapsed;
    }

    private static string Row(string name, double[] sorted) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentile(sorted, 0.5):F1} | {Percentile(sorted, 0.99):F1} | {sorted.Average():F1} |");

    private static string TimeRow(string name, IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.OrderBy(t => t).ToList();
        return $"| {name} | {sorted.Count} | {Seconds(sorted[sorted.Count / 2])} | {Seconds(sorted[^1])} |";
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
