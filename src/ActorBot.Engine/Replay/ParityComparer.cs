using System.Globalization;

namespace ActorBot.Engine.Replay;

/// <summary>One difference found by <see cref="ParityComparer"/>: where, and both values.</summary>
public sealed record ParityDifference(string File, int Row, string Column, string A, string B)
{
    public override string ToString()
    {
        var delta = ParityComparer.TryNumber(A, out var x) && ParityComparer.TryNumber(B, out var y)
            ? string.Create(CultureInfo.InvariantCulture, $" (|a-b| = {Math.Abs(x - y):R})")
            : string.Empty;
        return Row == 0 ? $"{File}: {Column}: a={A} b={B}" : $"{File} row {Row} column {Column}: a={A} b={B}{delta}";
    }
}

/// <summary>The result of a comparison: every difference (in file, row, column order) and how many cells were compared.</summary>
public sealed record ParityReport(IReadOnlyList<ParityDifference> Differences, long CellsCompared, int FilesCompared)
{
    public bool Equal => Differences.Count == 0;
}

/// <summary>
/// <c>actorbot parity</c>: compares two replay output folders (files with the same name) or two CSV files,
/// column by column (by header name, so column order may differ): cells that both parse as numbers must agree
/// within an absolute epsilon (NaN equals NaN), all other cells exactly. Non-CSV files are compared line by line.
/// Bad input (a path that does not exist, a folder against a file) is a <see cref="ReplayConfigException"/>.
/// </summary>
public static class ParityComparer
{
    public static ParityReport Compare(string a, string b, double epsilon)
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
        {
            throw new ReplayConfigException($"--epsilon {epsilon.ToString(CultureInfo.InvariantCulture)} must be a finite, non-negative number.");
        }

        var aDir = Directory.Exists(a);
        var bDir = Directory.Exists(b);
        foreach (var p in new[] { a, b })
        {
            if (!Directory.Exists(p) && !File.Exists(p))
            {
                throw new ReplayConfigException($"{p}: no such file or folder.");
            }
        }

        if (aDir != bDir)
        {
            throw new ReplayConfigException($"{a} and {b}: compare two folders or two files, not a folder with a file.");
        }

        var diffs = new List<ParityDifference>();
        long cells = 0;
        if (!aDir)
        {
            cells += CompareFile(a, b, Path.GetFileName(a), epsilon, diffs);
            return new ParityReport(diffs, cells, 1);
        }

        var names = Directory.GetFiles(a).Concat(Directory.GetFiles(b)).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.EndsWith(".tmp", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        var files = 0;
        foreach (var name in names)
        {
            var pa = Path.Combine(a, name);
            var pb = Path.Combine(b, name);
            if (!File.Exists(pa) || !File.Exists(pb))
            {
                diffs.Add(new ParityDifference(name, 0, "file", File.Exists(pa) ? "present" : "missing", File.Exists(pb) ? "present" : "missing"));
                continue;
            }

            files++;
            cells += CompareFile(pa, pb, name, epsilon, diffs);
        }

        return new ParityReport(diffs, cells, files);
    }

    public static bool TryNumber(string s, out double value)
    {
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static long CompareFile(string pa, string pb, string name, double epsilon, List<ParityDifference> diffs)
    {
        var la = ReadLines(pa);
        var lb = ReadLines(pb);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            for (var i = 0; i < Math.Max(la.Length, lb.Length); i++)
            {
                var x = i < la.Length ? la[i] : "(end of file)";
                var y = i < lb.Length ? lb[i] : "(end of file)";
                if (x != y)
                {
                    diffs.Add(new ParityDifference(name, i + 1, "line", x.Trim(), y.Trim()));
                }
            }

            return Math.Max(la.Length, lb.Length);
        }

        if (la.Length == 0 || lb.Length == 0)
        {
            if (la.Length != lb.Length)
            {
                diffs.Add(new ParityDifference(name, 0, "header", la.Length == 0 ? "(empty file)" : la[0], lb.Length == 0 ? "(empty file)" : lb[0]));
            }

            return 0;
        }

        var ha = la[0].Split(',');
        var hb = lb[0].Split(',');
        var bIndex = hb.Select((h, i) => (h, i)).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        foreach (var missing in ha.Where(h => !bIndex.ContainsKey(h)))
        {
            diffs.Add(new ParityDifference(name, 0, $"column {missing}", "present", "missing"));
        }

        foreach (var extra in hb.Where(h => !ha.Contains(h)))
        {
            diffs.Add(new ParityDifference(name, 0, $"column {extra}", "missing", "present"));
        }

        if (la.Length != lb.Length)
        {
            diffs.Add(new ParityDifference(name, 0, "rows", (la.Length - 1).ToString(CultureInfo.InvariantCulture), (lb.Length - 1).ToString(CultureInfo.InvariantCulture)));
        }

        long cells = 0;
        for (var row = 1; row < Math.Min(la.Length, lb.Length); row++)
        {
            var ca = la[row].Split(',');
            var cb = lb[row].Split(',');
            for (var c = 0; c < ha.Length; c++)
            {
                if (!bIndex.TryGetValue(ha[c], out var bc))
                {
                    continue;
                }

                var x = c < ca.Length ? ca[c] : string.Empty;
                var y = bc < cb.Length ? cb[bc] : string.Empty;
                cells++;
                if (!Same(x, y, epsilon))
                {
                    diffs.Add(new ParityDifference(name, row, ha[c], x, y));
                }
            }
        }

        return cells;
    }

    private static bool Same(string x, string y, double epsilon)
    {
        if (x == y)
        {
            return true;
        }

        if (TryNumber(x, out var a) && TryNumber(y, out var b))
        {
            return (double.IsNaN(a) && double.IsNaN(b)) || a == b || Math.Abs(a - b) <= epsilon;
        }

        return false;
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            return text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        }
        catch (IOException ex)
        {
            throw new ReplayConfigException($"{path}: cannot be read: {ex.Message}", ex);
        }
    }
}
