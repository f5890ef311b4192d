using System.Globalization;
using System.IO.Compression;
using ActorBot.Domain.Bars;
using nietras.SeparatedValues;

namespace ActorBot.Data.MarketData;

/// <summary>Result of reading a trade file: the ticks in file order and how many rows were skipped, by reason.</summary>
public sealed record TradeFile(IReadOnlyList<TradeTick> Ticks, int SkippedHeaderOrNonNumeric, int SkippedMalformed);

/// <summary>
/// Reads Binance data.binance.vision aggTrades files (CSV, or a .zip holding one CSV), with or
/// without a header: <c>agg_trade_id, price, quantity, first_trade_id, last_trade_id,
/// transact_time, is_buyer_maker[, is_best_match]</c>. As the research converter does (SPEC §2.0),
/// rows whose timestamp, price or qty is not numeric are skipped (so a header disappears) and
/// counted; is_buyer_maker "true"/"1" → true, anything else → false. Quantities are converted to
/// base units with the <see cref="ContractSpec"/>. The timestamp unit is detected per file from the
/// largest value as the research does (1e14 &lt; max &lt; 1e17 → µs, ≥ 1e17 → ns, else ms; Binance
/// spot files switched to µs in 2025) and converted to ms (floor). Rows are split by Sep (no string per
/// line or column); it replaced ReadLine + Split, measured in docs/benchmarks.md (csv suite).
/// </summary>
public static class AggTradesReader
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

        // No header handling (a header is a non-numeric row, as in the research converter), no quotes (the files
        // have none, and the former line splitter did not honour them either), any column count (short rows are
        // counted as malformed below, not refused).
        using var csv = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            DisableQuotesParsing = true,
        }).From(reader);
        foreach (var row in csv)
        {
            if (row.ColCount == 1 && row.Span.Length == 0)
            {
                continue; // an empty line
            }

            if (row.ColCount < 7)
            {
                malformed++;
                continue;
            }

            // The BCL parsers with the styles the former reader used, on spans: the same values bit for bit.
            if (!long.TryParse(row[5].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts)
                || !double.TryParse(row[1].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
                || !double.TryParse(row[2].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var qty))
            {
                nonNumeric++;
                continue;
            }

            if (!(price > 0) || !(qty > 0) || !double.IsFinite(price) || !double.IsFinite(qty))
            {
                malformed++;
                continue;
            }

            var side = row[6].Span.Trim();
            var buyerMaker = side.Equals("true", StringComparison.OrdinalIgnoreCase) || side is "1";
            long.TryParse(row[0].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id);
            ticks.Add(new TradeTick(ts, price, contract.BaseQuantity(qty, price), buyerMaker, id));
        }

        var divisor = TimestampDivisor(ticks.Count == 0 ? 0 : ticks.Max(t => t.TimestampMs));
        if (divisor != 1)
        {
            for (var i = 0; i < ticks.Count; i++)
            {
                ticks[i] = ticks[i] with { TimestampMs = ticks[i].TimestampMs / divisor };
            }
        }

        return new TradeFile(ticks, nonNumeric, malformed);
    }

    /// <summary>SPEC §2.1 step 2: the unit follows from the file's largest timestamp.</summary>
    public static long TimestampDivisor(long maxTimestamp) =>
        maxTimestamp >= 100_000_000_000_000_000L ? 1_000_000 : maxTimestamp > 100_000_000_000_000L ? 1_000 : 1;
}
