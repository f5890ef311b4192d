using System.Text;
using System.Text.Json;
using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Decoding;

namespace ActorBot.Venues.Binance.Recordings;

/// <summary>
/// The body of <c>actorbot book replay</c>: reads the recordings in order as one stream, rebuilds the
/// book and writes one JSON object. Lives here (not in Host) so it is tested without the host's graph.
/// Exit codes: 0 ok; 2 bad arguments, an unreadable file, or no snapshot for the symbol.
/// </summary>
public static class BookReplayReport
{
    public static int Run(string symbol, IReadOnlyList<string> files, int depth, TextWriter stdout, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(symbol) || files.Count == 0 || depth < 1)
        {
            stderr.WriteLine("book replay: --symbol, at least one --recording and --depth >= 1 are required.");
            return 2;
        }

        var errors = new DecodeErrorCounter();
        var replayer = new BookReplayer(symbol, errors);
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                stderr.WriteLine(Directory.Exists(file)
                    ? $"book replay: cannot read recording '{file}': it is a directory."
                    : $"book replay: cannot read recording '{file}': no such file.");
                return 2;
            }

            try
            {
                foreach (var line in RecordingReader.Read(file))
                {
                    replayer.Feed(line);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine($"book replay: cannot read recording '{file}': {ex.Message}");
                return 2;
            }
        }

        if (replayer.SnapshotsSeen == 0)
        {
            stderr.WriteLine($"book replay: no REST depth snapshot for {symbol.ToUpperInvariant()} in {string.Join(", ", files)}.");
            return 2;
        }

        var result = replayer.Result(depth);
        if (result.DecodeErrors > 0 || result.UnrecognizedLines > 0)
        {
            stderr.WriteLine($"book replay: {result.DecodeErrors} payloads failed to decode, {result.UnrecognizedLines} lines unrecognized (skipped).");
        }

        stdout.WriteLine(ToJson(result));
        return 0;
    }

    /// <summary>One JSON object; prices and quantities as canonical decimal strings (no trailing zeros).</summary>
    public static string ToJson(BookReplayResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("symbol", result.Symbol);
            json.WriteNumber("lastUpdateId", result.LastUpdateId);
            WriteLevels(json, "bids", result.Bids);
            WriteLevels(json, "asks", result.Asks);
            json.WriteNumber("applied", result.Counters.Applied);
            json.WriteNumber("dropped", result.Counters.Dropped);
            json.WriteNumber("gaps", result.Counters.Gaps);
            json.WriteNumber("resyncs", result.Counters.Resyncs);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteLevels(Utf8JsonWriter json, string name, IReadOnlyList<BookLevel> levels)
    {
        json.WriteStartArray(name);
        foreach (var level in levels)
        {
            json.WriteStartArray();
            json.WriteStringValue(Fixed8.Format(level.Price));
            json.WriteStringValue(Fixed8.Format(level.Quantity));
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
