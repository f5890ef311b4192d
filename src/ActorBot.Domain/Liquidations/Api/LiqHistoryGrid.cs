using ActorBot.Domain.Liquidations.Binary;

namespace ActorBot.Domain.Liquidations.Api;

/// <summary>The <c>/liq_heatmap_v2_history</c> grid: ms times, prices, flat row-major u8 rows (row i belongs to t[i]).</summary>
public sealed record LiqHistoryBody(IReadOnlyList<long> T, IReadOnlyList<double> Prices, byte[] Long, byte[] Short, double Step);

/// <summary>
/// Builds the V2 history body of moonstream SPEC §11.3 from the held records: the last <c>min(minutes, n)</c> frames,
/// every <c>stride</c>-th; one grid over the union of their bounds and the current <c>src ± 8 %</c>, rounded to the
/// step, built by index (exact tick prices); each frame's values looked up by snapped price (missing → 0).
/// Fixed (SPEC §13 #12): with no current snapshot the step is the symbol's own bucket step, not 20 for every symbol.
/// </summary>
public static class LiqHistoryGrid
{
    public const int MaxBuckets = 10_000;

    public const double CurrentRangePct = 0.08;

    /// <summary>The old empty-history price ranges when no snapshot exists yet (by base asset).</summary>
    public static (double Low, double High)? FallbackRange(string baseAsset) => baseAsset switch
    {
        "BTC" => (85_000, 115_000),
        "ETH" => (1_500, 5_000),
        "SOL" => (50, 400),
        _ => null,
    };

    /// <param name="frames">the held records, oldest first.</param>
    /// <param name="current">the current snapshot's (src, step), or null when there is none yet.</param>
    /// <param name="symbolStep">the symbol's configured bucket step (used when there is no current snapshot).</param>
    public static LiqHistoryBody Build(IReadOnlyList<LiqHistoryRecord> frames, int minutes, int stride, (double Src, double Step)? current, double symbolStep, string baseAsset)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var step = current?.Step ?? symbolStep;
        var take = Math.Min(Math.Max(minutes, 0), frames.Count);
        var selected = new List<LiqHistoryRecord>();
        for (var i = frames.Count - take; i < frames.Count; i += Math.Max(1, stride))
        {
            selected.Add(frames[i]);
        }

        if (selected.Count == 0)
        {
            return Empty(current, step, baseAsset);
        }

        var lo = double.PositiveInfinity;
        var hi = double.NegativeInfinity;
        foreach (var f in selected)
        {
            lo = Math.Min(lo, f.PriceMin);
            hi = Math.Max(hi, f.PriceMax);
        }

        if (current is { } c)
        {
            lo = Math.Min(lo, c.Src * (1 - CurrentRangePct));
            hi = Math.Max(hi, c.Src * (1 + CurrentRangePct));
        }

        var loTick = (long)Math.Round(lo / step, MidpointRounding.ToEven);
        var hiTick = (long)Math.Round(hi / step, MidpointRounding.ToEven);
        if (hiTick - loTick + 1 > MaxBuckets)
        {
            // Re-centred on src ± 5000 steps (the last frame's src when there is no current snapshot).
            var centre = (long)Math.Round((current?.Src ?? selected[^1].Src) / step, MidpointRounding.ToEven);
            loTick = centre - (MaxBuckets / 2);
            hiTick = centre + (MaxBuckets / 2) - 1;
        }

        var cols = (int)(hiTick - loTick + 1);
        var prices = Prices(loTick, cols, step);
        var longCells = new byte[selected.Count * cols];
        var shortCells = new byte[selected.Count * cols];
        var t = new long[selected.Count];
        for (var row = 0; row < selected.Count; row++)
        {
            var f = selected[row];
            t[row] = (long)(f.Ts * 1000);
            var n = (int)Math.Min(f.BucketCount, LiqHistoryRecordCodec.MaxBuckets);
            var fLong = f.Long.Span;
            var fShort = f.Short.Span;
            for (var j = 0; j < n; j++)
            {
                // The frame's price by index, snapped to the unified grid (last writer wins when the steps differ).
                var tick = (long)Math.Round((f.PriceMin + (j * f.Step)) / step, MidpointRounding.ToEven);
                var col = tick - loTick;
                if (col >= 0 && col < cols)
                {
                    longCells[(row * cols) + col] = fLong[j];
                    shortCells[(row * cols) + col] = fShort[j];
                }
            }
        }

        return new LiqHistoryBody(t, prices, longCells, shortCells, step);
    }

    private static LiqHistoryBody Empty((double Src, double Step)? current, double step, string baseAsset)
    {
        IReadOnlyList<double> prices = [];
        if (current is { } c)
        {
            var loTick = (long)Math.Round(c.Src * (1 - CurrentRangePct) / step, MidpointRounding.ToEven);
            var hiTick = (long)Math.Round(c.Src * (1 + CurrentRangePct) / step, MidpointRounding.ToEven);
            prices = Prices(loTick, (int)Math.Min(hiTick - loTick + 1, MaxBuckets), step);
        }
        else if (FallbackRange(baseAsset) is { } range)
        {
            var loTick = (long)Math.Round(range.Low / step, MidpointRounding.ToEven);
            var hiTick = (long)Math.Round(range.High / step, MidpointRounding.ToEven);
            prices = Prices(loTick, (int)Math.Min(hiTick - loTick + 1, MaxBuckets), step);
        }

        return new LiqHistoryBody([], prices, [], [], step);
    }

    /// <summary>Prices by index from exact decimal ticks (never by repeated addition: no float drift).</summary>
    public static IReadOnlyList<double> Prices(long loTick, int count, double step)
    {
        var s = (decimal)step;
        var prices = new double[Math.Max(count, 0)];
        for (var i = 0; i < prices.Length; i++)
        {
            prices[i] = (double)((loTick + i) * s);
        }

        return prices;
    }
}
