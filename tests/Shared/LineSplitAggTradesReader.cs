using System.Globalization;
using System.IO.Compression;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Bars;

namespace ActorBot.TestSupport;

/// <summary>
/// The aggTrades reader the replay used before Sep (ReadLine + string.Split per row), kept verbatim as the
/// baseline: the csv benchmark measures the shipped reader against it, and a test checks that both yield the
/// same trades and counts bit for bit. Linked into the tests and benchmarks, not shipped.
/// </summary>
public static class LineSplitAggTradesReader
{
    public static TradeFile Read(string path, ContractSpec contract)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException($"{path}: file not found.");
        }

        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.SingleOrDefault(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                ?? throw new DataFormatException($"{path}: the zip must hold exactly one .csv file.");
            using var stream = entry.Open();
            using var reader = new StreamReader(stream);
            return Parse(reader, contract);
        }

        using var text = new StreamReader(path);
        return Parse(text, contract);
    }

    public static TradeFile Parse(TextReader reader, ContractSpec contract)
    {
        var ticks = new List<TradeTick>();
        var nonNumeric = 0;
        var malformed = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cols = line.Split(',');
            if (cols.Length < 7)
            {
                malformed++;
                continue;
            }

            if (!long.TryParse(cols[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts)
                || !double.TryParse(cols[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
                || !double.TryParse(cols[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var qty))
            {
                nonNumeric++;
                continue;
            }

            if (!(price > 0) || !(qty > 0) || !double.IsFinite(price) || !double.IsFinite(qty))
            {
                malformed++;
                continue;
            }

            var side = cols[6].Trim();
            var buyerMaker = side.Equals("true", StringComparison.OrdinalIgnoreCase) || side == "1";
            long.TryParse(cols[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id);
            ticks.Add(new TradeTick(ts, price, contract.BaseQuantity(qty, price), buyerMaker, id));
        }

        var divisor = AggTradesReader.TimestampDivisor(ticks.Count == 0 ? 0 : ticks.Max(t => t.TimestampMs));
        if (divisor != 1)
        {
            for (var i = 0; i < ticks.Count; i++)
            {
                ticks[i] = ticks[i] with { TimestampMs = ticks[i].TimestampMs / divisor };
            }
        }

        return new TradeFile(ticks, nonNumeric, malformed);
    }
}
