using System.Runtime.CompilerServices;
using ActorBot.Benchmarks.Suites.RssFloor;

namespace ActorBot.Benchmarks;

/// <summary>
/// Benchmark entry point: <c>dotnet run -c Release --project tests/ActorBot.Benchmarks -- &lt;suite&gt;</c>.
/// Every suite measures its subject next to a baseline in the same run and prints the ratio.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // rss-floor's child processes measure what their layers load: they branch off before the suite catalogue
        // (every suite, and every package they use) is touched — RunSuite is not inlined so its types stay unloaded.
        if (args.Length > 0 && args[0] == RssFloorChild.Command)
        {
            return RssFloorChild.Run(args);
        }

        return RunSuite(args);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunSuite(string[] args)
    {
        var suites = SuiteCatalog.All.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine("usage: ActorBot.Benchmarks <suite> [args]");
            Console.Error.WriteLine("suites: " + string.Join(", ", suites.Keys.Order()));
            return 2;
        }

        return suite.Run(args.Skip(1).ToArray());
    }
}
