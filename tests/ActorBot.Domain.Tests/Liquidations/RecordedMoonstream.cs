using System.IO.Compression;
using System.Text.Json;

namespace ActorBot.Domain.Tests.Liquidations;

/// <summary>
/// The recorded moonstream run copied into the test output (Data/moonstream, provenance in SOURCES-inference.md);
/// never read from the shared reference folder at test time.
/// </summary>
internal static class RecordedMoonstream
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "moonstream", file);

    public static IEnumerable<JsonElement> Lines(string gzFile)
    {
        using var stream = new GZipStream(File.OpenRead(PathOf(gzFile)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                using var doc = JsonDocument.Parse(line);
                yield return doc.RootElement.Clone();
            }
        }
    }

    public static IEnumerable<JsonElement> Records(string gzFile, string type)
        => Lines(gzFile).Where(e => e.TryGetProperty("type", out var t) && t.GetString() == type);

    public static JsonDocument Json(string file) => JsonDocument.Parse(File.ReadAllText(PathOf(file)));
}
