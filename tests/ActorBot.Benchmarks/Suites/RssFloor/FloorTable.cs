using System.Globalization;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>The suite's result as a Markdown table (pasted as is into docs/benchmarks.md): medians over the runs.</summary>
internal static class FloorTable
{
    public static void Print(IReadOnlyDictionary<FloorLayer, List<ChildResult>> samples, ChildResult? service, int runs)
    {
        Console.WriteLine($"| layer (cumulative) | VmRSS MB (median of {runs}; min–max) | Δ vs previous | RssAnon | RssFile | RssShmem | GC committed MB | assemblies (loaded / .dll mapped) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        double? previous = null;
        foreach (var layer in FloorLayers.InOrder)
        {
            var runsOfLayer = samples[layer];
            var vmRss = Median(runsOfLayer, r => r.Status.VmRssKb);
            var delta = previous is null ? "—" : Signed(vmRss - previous.Value);
            previous = vmRss;
            var min = SuiteMb(runsOfLayer.Min(r => r.Status.VmRssKb));
            var max = SuiteMb(runsOfLayer.Max(r => r.Status.VmRssKb));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(int)layer} `{layer.Name()}` | **{vmRss:F1}** ({min:F1}–{max:F1}) | {delta} | {Median(runsOfLayer, r => r.Status.RssAnonKb):F1} | {Median(runsOfLayer, r => r.Status.RssFileKb):F1} | {Median(runsOfLayer, r => r.Status.RssShmemKb):F1} | {MedianBytes(runsOfLayer):F1} | {MedianInt(runsOfLayer, r => r.Assemblies ?? 0):F0} / {MedianInt(runsOfLayer, r => r.MappedDlls):F0} |"));
        }

        if (service is not null && previous is not null)
        {
            var s = service.Status;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| the service, `run` at {ServiceReference.SampleAt.TotalSeconds:F0} s (1 run) | **{SuiteMb(s.VmRssKb):F1}** | {Signed(SuiteMb(s.VmRssKb) - previous.Value)} vs `onnx` | {SuiteMb(s.RssAnonKb):F1} | {SuiteMb(s.RssFileKb):F1} | {SuiteMb(s.RssShmemKb):F1} | — | — / {service.MappedDlls} |"));
        }
    }

    private static double SuiteMb(long kb) => RssFloorSuite.Mb(kb);

    private static string Signed(double mb) => string.Create(CultureInfo.InvariantCulture, $"{(mb >= 0 ? "+" : "−")}{Math.Abs(mb):F1}");

    private static double Median(List<ChildResult> runs, Func<ChildResult, long> kb) => SuiteMb((long)MedianOf(runs.Select(r => (double)kb(r))));

    private static double MedianBytes(List<ChildResult> runs) => MedianOf(runs.Select(r => (double)(r.GcCommittedBytes ?? 0))) / (1024.0 * 1024.0);

    private static double MedianInt(List<ChildResult> runs, Func<ChildResult, int> value) => MedianOf(runs.Select(r => (double)value(r)));

    /// <summary>The middle value; with an even count, the mean of the middle two.</summary>
    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
