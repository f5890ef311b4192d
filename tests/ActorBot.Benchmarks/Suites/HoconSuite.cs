using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorBot.Hocon;

namespace ActorBot.Benchmarks.Suites;

/// <summary>
/// <c>hocon</c>: parse + resolve time per input byte for a 1× and a 10× Akka-style document (the
/// ratio of the two shows whether parsing scales linearly; ≈1.0 means linear), next to
/// System.Text.Json parsing the equivalent JSON as a baseline in the same run.
/// </summary>
public sealed class HoconSuite : IBenchmarkSuite
{
    private static readonly HoconLoadOptions Options = new() { EnvironmentLookup = HoconLoadOptions.NoEnvironment, AllowIncludes = false };

    public string Name => "hocon";

    public int Run(string[] args)
    {
        // Two base sizes: 1x = 400 sections (~250 KB, fits in CPU caches) and 1x = 2000 sections (~1.2 MB).
        var bases = args.Length > 0
            ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray()
            : new[] { 400, 2000 };
        foreach (var sections in bases)
        {
            RunScale(sections);
        }

        return 0;
    }

    private static void RunScale(int sections)
    {
        var small = BuildDocument(sections);
        var large = BuildDocument(sections * 10);
        var smallJson = HoconJsonWriter.Write(HoconLoader.Parse(small, "bench", Options), sortKeys: false, indented: true);
        var largeJson = HoconJsonWriter.Write(HoconLoader.Parse(large, "bench", Options), sortKeys: false, indented: true);

        Console.WriteLine();
        Console.WriteLine($"hocon suite: {sections} sections at 1x ({Encoding.UTF8.GetByteCount(small):N0} bytes), {sections * 10} at 10x ({Encoding.UTF8.GetByteCount(large):N0} bytes)");
        var hocon1 = Measure("HOCON parse+resolve 1x", small, () => HoconLoader.Parse(small, "bench", Options), 20);
        var hocon10 = Measure("HOCON parse+resolve 10x", large, () => HoconLoader.Parse(large, "bench", Options), 5);
        var json1 = Measure("baseline System.Text.Json 1x", smallJson, () => JsonDocument.Parse(smallJson).Dispose(), 20);
        var json10 = Measure("baseline System.Text.Json 10x", largeJson, () => JsonDocument.Parse(largeJson).Dispose(), 5);

        Console.WriteLine(Invariant($"scaling ratio HOCON ns/byte 10x / 1x: median {hocon10.Median / hocon1.Median:F2}, min {hocon10.Min / hocon1.Min:F2}   (1.0 = linear)"));
        Console.WriteLine(Invariant($"scaling ratio HOCON without GC pauses:  median {hocon10.NoGc / hocon1.NoGc:F2}"));
        Console.WriteLine(Invariant($"scaling ratio JSON  ns/byte 10x / 1x: median {json10.Median / json1.Median:F2}, min {json10.Min / json1.Min:F2}"));
        Console.WriteLine(Invariant($"HOCON / JSON baseline ns/byte at 1x:  {hocon1.Median / json1.Median:F1}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Median and minimum ns per input byte over <paramref name="iterations"/> runs after warm-up;
    /// each run starts after a full collection. GC pause time inside the runs is reported separately
    /// so that collector cost (which grows with the live heap) can be told apart from parser cost.
    /// </summary>
    private static (double Median, double Min, double NoGc) Measure(string label, string input, Action action, int iterations)
    {
        var bytes = Encoding.UTF8.GetByteCount(input);
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        var samples = new List<double>(iterations);
        var withoutGc = new List<double>(iterations);
        long allocated = 0;
        var pauses = TimeSpan.Zero;
        for (var i = 0; i < iterations; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var pauseBefore = GC.GetTotalPauseDuration();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var pause = GC.GetTotalPauseDuration() - pauseBefore;
            pauses += pause;
            samples.Add(clock.Elapsed.TotalMilliseconds * 1_000_000 / bytes);
            withoutGc.Add((clock.Elapsed - pause).TotalMilliseconds * 1_000_000 / bytes);
        }

        samples.Sort();
        withoutGc.Sort();
        var median = samples[samples.Count / 2];
        Console.WriteLine(Invariant(
            $"{label,-32} {median,7:F1} ns/byte median (min {samples[0]:F1}, max {samples[^1]:F1}); without GC pauses {withoutGc[withoutGc.Count / 2]:F1}; GC {pauses.TotalMilliseconds * 1_000_000 / bytes / iterations:F1} ns/byte; {allocated / (double)iterations / bytes:F1} B allocated/byte; {iterations} runs"));
        return (median, samples[0], withoutGc[withoutGc.Count / 2]);
    }

    /// <summary>
    /// An Akka-style document: per section a dispatcher, a persistence plugin with substitutions,
    /// path keys, arrays, comments, durations and a duplicate key that merges.
    /// </summary>
    private static string BuildDocument(int sections)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# generated benchmark input");
        sb.AppendLine("defaults { timeout = 5s, retries = 3, tags = [a, b, c] }");
        for (var i = 0; i < sections; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $$"""
                svc{{i}} {
                  // dispatcher settings
                  dispatcher { type = Dispatcher, throughput = {{i % 50}}, deadline = 0ms }
                  persistence.journal {
                    plugin = "akka.persistence.journal.sql"
                    connection-string = "Data Source=state/"${svc{{i}}.name}".db"
                    timeout = ${defaults.timeout}
                    auto-initialize = on
                  }
                  name = "service-{{i}}"
                  description = The service number {{i}} of the benchmark input
                  seeds = ["akka.tcp://bot@127.0.0.1:{{8000 + (i % 1000)}}", "akka.tcp://bot@127.0.0.1:{{9000 + (i % 1000)}}"]
                  limits { max-frame = 128 KiB, queue = 1000 }
                  settings = ${defaults} { retries = {{i % 7}} }
                """);
            sb.AppendLine();
            sb.AppendLine("  text = \"\"\"multi-line");
            sb.AppendLine("    text block\"\"\"");
            sb.AppendLine("}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"svc{i}.limits.queue = {2000 + i}");
        }

        return sb.ToString();
    }
}
