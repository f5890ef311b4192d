using System.Globalization;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>The resident-memory lines of <c>/proc/&lt;pid&gt;/status</c>, in KB (Linux only; zeros elsewhere).</summary>
public sealed record ProcStatus(long VmRssKb, long RssAnonKb, long RssFileKb, long RssShmemKb)
{
    public static ProcStatus? Read(string pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is gone (or this is not Linux).
            return null;
        }

        long Field(string name)
        {
            var line = lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            if (line is null)
            {
                return 0;
            }

            // "VmRSS:	  123456 kB"
            var value = line[(name.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.Parse(value, CultureInfo.InvariantCulture);
        }

        return new ProcStatus(Field("VmRSS"), Field("RssAnon"), Field("RssFile"), Field("RssShmem"));
    }

    /// <summary>
    /// Distinct <c>.dll</c> files mapped into the process: the assemblies it loaded, countable from outside too (the
    /// runtime maps each assembly's file), so the service and the floor compare on the same count.
    /// </summary>
    public static int MappedDlls(string pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/maps")
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length >= 6 && f[5].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Select(f => f[5])
                .Distinct(StringComparer.Ordinal)
                .Count();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
