using System.Diagnostics;
using System.Globalization;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>
/// <c>rss-floor [--runs N] [--no-service]</c>: the resident memory the mandated stack takes before any ActorBot domain
/// code or market state — the .NET runtime, + Kestrel, + Akka.NET, + Akka.Persistence.Sql on SQLite, + ONNX Runtime —
/// each layer in a fresh child process (<see cref="RssFloorChild"/>) with the service's runtime settings, measured
/// after a compacting GC and a native-heap trim. Next to it, in the same run, the real service's RSS at 55 s of the
/// README's first command (<see cref="ServiceReference"/>). Exit 1 when a child or the service fails.
/// </summary>
public sealed class RssFloorSuite : IBenchmarkSuite
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The service's runtime settings (src/ActorBot.Host/ActorBot.Host.csproj; docs/benchmarks.md, RSS knobs) as
    /// environment variables, since the children run this benchmark's binary, not the host's runtimeconfig.
    /// The gen0 budget is hex, as every DOTNET_GC* value.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ServiceRuntime = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_gcConcurrent"] = "1",
        ["DOTNET_TieredCompilation"] = "0",
        ["DOTNET_GCgen0MaxBudget"] = "0x200000",
    };

    public string Name => "rss-floor";

    public int Run(string[] args)
    {
        var runs = 2;
        var withService = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 1:
                    runs = n;
                    i++;
                    break;
                case "--no-service":
                    withService = false;
                    break;
                default:
                    Console.Error.WriteLine($"rss-floor: unknown argument {args[i]} (usage: rss-floor [--runs N] [--no-service])");
                    return 2;
            }
        }

        var root = RepoRoot.Find();
        string? hostDll = null;
        if (withService)
        {
            hostDll = ServiceReference.EnsureBuilt(root, out var buildProblem);
            if (hostDll is null)
            {
                Console.Error.WriteLine($"rss-floor: {buildProblem}");
                return 1;
            }
        }

        var benchmarkDll = typeof(RssFloorSuite).Assembly.Location;
        Console.WriteLine($"rss-floor: {FloorLayers.InOrder.Count} layers × {runs} runs, each a fresh `dotnet {Path.GetFileName(benchmarkDll)} {RssFloorChild.Command} <layer>`; {string.Join(' ', ServiceRuntime.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var clock = Stopwatch.StartNew();

        // Pass by pass over all layers (not layer by layer), so a burst of load on the shared machine spreads over layers.
        var samples = FloorLayers.InOrder.ToDictionary(l => l, _ => new List<ChildResult>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var layer in FloorLayers.InOrder)
            {
                var result = RunChild(benchmarkDll, layer, out var problem);
                if (result is null)
                {
                    Console.Error.WriteLine($"rss-floor: layer {layer.Name()} failed: {problem}");
                    return 1;
                }

                samples[layer].Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run + 1} {layer.Name(),-12} VmRSS {Mb(result.Status.VmRssKb),6:F1} MB  (anon {Mb(result.Status.RssAnonKb):F1}, file {Mb(result.Status.RssFileKb):F1}, shmem {Mb(result.Status.RssShmemKb):F1}; {result.Assemblies} assemblies)"));
            }
        }

        ChildResult? service = null;
        if (hostDll is not null)
        {
            Console.WriteLine($"  the service: dotnet actorbot.dll run --duration 60s --http-port 0, sampled at {ServiceReference.SampleAt.TotalSeconds:F0} s …");
            service = ServiceReference.Measure(hostDll, out var problem);
            if (service is null)
            {
                Console.Error.WriteLine($"rss-floor: the service reference failed: {problem}");
                return 1;
            }
        }

        Console.WriteLine($"load average at end: {LoadAverage()}; {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine();
        FloorTable.Print(samples, service, runs);
        return 0;
    }

    private static ChildResult? RunChild(string benchmarkDll, FloorLayer layer, out string? problem)
    {
        var start = new ProcessStartInfo("dotnet", [benchmarkDll, RssFloorChild.Command, layer.Name()])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in ServiceRuntime)
        {
            start.Environment[name] = value;
        }

        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(ChildTimeout))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            problem = $"no result within {ChildTimeout.TotalMinutes:F0} min (killed)\n{stderr.Result}";
            return null;
        }

        var result = ChildResult.Parse(stdout.Result);
        if (child.ExitCode != 0 || result is null)
        {
            problem = $"exit {child.ExitCode}\n{stderr.Result}{stdout.Result}";
            return null;
        }

        problem = null;
        return result;
    }

    internal static double Mb(long kb) => kb / 1024.0;

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
