using System.Globalization;
using System.IO.Compression;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Recordings;

/// <summary>
/// data.binance.vision futures aggTrades files (<c>.csv</c> or the <c>.zip</c> holding one):
/// <c>agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker</c>, header optional.
/// The symbol is taken from the file name (<c>BTCUSDT-aggTrades-2024-01-01.zip</c>). A malformed row is
/// reported through <paramref name="onBadRow"/> and skipped.
/// </summary>
public static class AggTradeCsvReader
{
    public static string SymbolFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        var dash = name.IndexOf("-aggTrades", StringComparison.Ordinal);
        return dash > 0 ? name[..dash] : Path.GetFileNameWithoutExtension(name);
    }

    public static IEnumerable<AggTrade> Read(string path, Action<long, string>? onBadRow = null)
    {
        var symbol = SymbolFromFileName(path);
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
            {
                using var reader = new StreamReader(entry.Open());
                foreach (var trade in ReadRows(reader, symbol, onBadRow))
                {
                    yield return trade;
                }
            }

            yield break;
        }

        using var text = new StreamReader(RecordingReader.Open(path));
        foreach (var trade in ReadRows(text, symbol, onBadRow))
        {
            yield return trade;
        }
    }

    private static IEnumerable<AggTrade> ReadRows(TextReader reader, string symbol, Action<long, string>? onBadRow)
    {
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || (number == 1 && line.StartsWith("agg_trade_id", StringComparison.Ordinal)))
            {
                continue;
            }

            var c = line.Split(',');
            if (c.Length < 7
                || !long.TryParse(c[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !decimal.TryParse(c[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
                || !decimal.TryParse(c[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var qty)
                || !long.TryParse(c[3], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(c[4], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || !long.TryParse(c[5], NumberStyles.None, CultureInfo.InvariantCulture, out var time)
                || !bool.TryParse(c[6], out var maker))
            {
                onBadRow?.Invoke(number, line);
                continue;
            }

            yield return new AggTrade(symbol, time, id, price, qty, first, last, time, maker);
        }
    }
}
