using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ActorBot.Domain.Bars;

namespace ActorBot.Data.MarketData;

/// <summary>
/// Reads raw Binance USD-M websocket recordings (one line per message:
/// <c>&lt;local timestamp&gt; &lt;combined-stream JSON&gt;</c>, optionally gzip) and keeps the
/// <c>@trade</c> frames. Only trades with <c>X = "MARKET"</c> count (insurance-fund and ADL fills
/// are not taker flow). Event time is the exchange trade time <c>T</c>, never the local stamp.
/// Malformed lines are counted, not thrown.
/// </summary>
public static class RawTradeRecordingReader
{
    public sealed record Result(IReadOnlyList<TradeTick> Ticks, int Malformed, int NonMarket, int OtherStreams);

    public static Result Read(string path, string symbol)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException($"{path}: file not found.");
        }

        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return Parse(reader, symbol);
    }

    public static Result Parse(TextReader reader, string symbol)
    {
        var wanted = symbol.ToLowerInvariant() + "@trade";
        var ticks = new List<TradeTick>();
        int malformed = 0, nonMarket = 0, other = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var space = line.IndexOf(' ');
            if (space < 0)
            {
                malformed++;
                continue;
            }

            var json = line.AsSpan(space + 1);
            if (!json.Contains("@trade\"", StringComparison.Ordinal))
            {
                other++;
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(json.ToString());
                var root = doc.RootElement;
                if (root.GetProperty("stream").GetString() != wanted)
                {
                    other++;
                    continue;
                }

                var d = root.GetProperty("data");
                if (d.GetProperty("X").GetString() != "MARKET")
                {
                    nonMarket++;
                    continue;
                }

                var price = double.Parse(d.GetProperty("p").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
                var qty = double.Parse(d.GetProperty("q").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
                ticks.Add(new TradeTick(d.GetProperty("T").GetInt64(), price, qty, d.GetProperty("m").GetBoolean(), d.GetProperty("t").GetInt64()));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                malformed++;
            }
        }

        return new Result(ticks, malformed, nonMarket, other);
    }
}
