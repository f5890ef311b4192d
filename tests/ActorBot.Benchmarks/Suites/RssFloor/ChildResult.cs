using System.Globalization;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>What one process reported: its <see cref="ProcStatus"/> plus the managed figures only it can see.</summary>
internal sealed record ChildResult(ProcStatus Status, long? GcCommittedBytes, int? Assemblies, int MappedDlls)
{
    /// <summary>Parses the child's <see cref="RssFloorChild.ResultPrefix"/> line; null when there is none.</summary>
    public static ChildResult? Parse(string stdout)
    {
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith(RssFloorChild.ResultPrefix + " ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var fields = line.Trim().Split(' ').Skip(1).Select(f => f.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        long Long(string key) => long.Parse(fields[key], CultureInfo.InvariantCulture);
        return new ChildResult(
            new ProcStatus(Long("vmrss_kb"), Long("rss_anon_kb"), Long("rss_file_kb"), Long("rss_shmem_kb")),
            Long("gc_committed_bytes"),
            (int)Long("assemblies"),
            (int)Long("mapped_dlls"));
    }
}
