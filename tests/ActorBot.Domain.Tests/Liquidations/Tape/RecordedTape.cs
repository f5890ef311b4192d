using System.IO.Compression;
using System.Text.Json;
using ActorBot.Domain.Liquidations;

namespace ActorBot.Domain.Tests.Liquidations.Tape;

/// <summary>Reads the recorded moonstream logs copied to Data/moonstream (see its SOURCES.md).</summary>
internal static class RecordedTape
{
    internal sealed record Print(double Ts, LiquidationSide Side, decimal Price, decimal Qty, double Notional, decimal Bucket);

    /// <param name="TapeMaxRaw">The largest tape bucket notional after the minute (both sides), from the
    /// <c>heatmap_balance</c> line written right after every tenth cycle; null on the other cycles.</param>
    internal sealed record Cycle(
        long MinuteKey, double Ts, double High, double Low, int LongBuckets, int ShortBuckets, long TotalEvents, double? TapeMaxRaw = null);

    internal sealed record Sweep(long MinuteKey, LiquidationSide Side, decimal Bucket, double Notional, int Count);

    public static IReadOnlyList<Print> Prints(string symbol) => Lines($"liq_tape_{symbol}.jsonl.gz", j =>
        j.GetProperty("type").GetString() != "forceOrder" ? null : new Print(
            j.GetProperty("ts").GetDouble(),
            SideOf(j),
            j.GetProperty("price").GetDecimal(),
            j.GetProperty("qty").GetDecimal(),
            j.GetProperty("notional").GetDouble(),
            j.GetProperty("bucket").GetDecimal()));

    public static IReadOnlyList<Cycle> Cycles(string symbol)
    {
        var rows = Lines<object>($"liq_cycles_{symbol}.jsonl.gz", j => j.GetProperty("type").GetString() switch
        {
            "cycle_summary" => new Cycle(
                j.GetProperty("minute_key").GetInt64(),
                j.GetProperty("ts").GetDouble(),
                j.GetProperty("high").GetDouble(),
                j.GetProperty("low").GetDouble(),
                j.GetProperty("tape_long_buckets").GetInt32(),
                j.GetProperty("tape_short_buckets").GetInt32(),
                j.GetProperty("tape_total_events").GetInt64()),
            "heatmap_balance" => j.GetProperty("tape_max_raw").GetDouble(),
            _ => null,
        });
        var cycles = new List<Cycle>();
        foreach (var row in rows)
        {
            if (row is Cycle c)
            {
                cycles.Add(c);
            }
            else if (cycles.Count > 0)
            {
                cycles[^1] = cycles[^1] with { TapeMaxRaw = (double)row };
            }
        }

        return cycles;
    }

    public static IReadOnlyList<Sweep> TapeSweeps(string symbol) => Lines($"liq_sweeps_{symbol}.jsonl.gz", j =>
        j.GetProperty("type").GetString() != "sweep" || j.GetProperty("layer").GetString() != "tape" ? null : new Sweep(
            j.GetProperty("minute_key").GetInt64(),
            SideOf(j),
            j.GetProperty("bucket").GetDecimal(),
            j.GetProperty("total_notional_usd").GetDouble(),
            j.GetProperty("trade_count").GetInt32()));

    private static LiquidationSide SideOf(JsonElement j) => j.GetProperty("side").GetString() switch
    {
        "long" => LiquidationSide.Long,
        "short" => LiquidationSide.Short,
        var s => throw new InvalidDataException($"Unknown side '{s}'."),
    };

    private static List<T> Lines<T>(string file, Func<JsonElement, T?> select)
        where T : class
    {
        var rows = new List<T>();
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "moonstream", file);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                using var doc = JsonDocument.Parse(line);
                if (select(doc.RootElement) is { } row)
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }
}
