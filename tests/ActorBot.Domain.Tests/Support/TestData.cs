using System.Globalization;
using System.IO.Compression;

namespace ActorBot.Domain.Tests.Support;

/// <summary>Locates committed test data (copied next to the test assembly) and the repository root.</summary>
internal static class TestData
{
    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ActorBot.sln not found above the test assembly.");
    }

    public static string RegistryDir => Path.Combine(RepoRoot(), "models", "registry");

    public static string ReadGzipText(string name)
    {
        using var file = File.OpenRead(DataPath(name));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }

    /// <summary>Parses a simple CSV (no quoted fields) into a header and rows.</summary>
    public static (string[] Header, List<string[]> Rows) ReadCsv(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimEnd('\r').Split(',');
        var rows = lines.Skip(1).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        return (header, rows);
    }

    public static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
