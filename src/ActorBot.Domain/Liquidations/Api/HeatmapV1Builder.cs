using ActorBot.Domain.Liquidations.Heatmap;

namespace ActorBot.Domain.Liquidations.Api;

/// <summary>
/// Derives the V1 snapshot from the V2 one (moonstream SPEC §10.3): the ±8 % grid around src, the V2 display values
/// looked up by price, the [0.1, 0.2, 0.4, 0.2, 0.1] smoothing (edge weights renormalised), the pooled p50..p95 norm with
/// the ≤ 0.1 cut, then the V2 visibility floor on the bucket's raw USD. The top zones are the V2 pools (≤ 5 a side,
/// strength = the pool's intensity, age 0): the old ZoneTracker kept historical copies of one chained pool (§13 #10).
/// </summary>
public static class HeatmapV1Builder
{
    public const double RangePct = 0.08;

    private static readonly double[] Kernel = [0.1, 0.2, 0.4, 0.2, 0.1];

    public static HeatmapV1Snapshot Build(HeatmapV2Snapshot v2, HeatmapV2Options options)
    {
        ArgumentNullException.ThrowIfNull(v2);
        ArgumentNullException.ThrowIfNull(options);
        var step = v2.Step;
        var loTick = (long)Math.Round(v2.Src * (1 - RangePct) / step, MidpointRounding.ToEven);
        var hiTick = (long)Math.Round(v2.Src * (1 + RangePct) / step, MidpointRounding.ToEven);
        var n = (int)Math.Max(0, hiTick - loTick + 1);
        var prices = LiqHistoryGrid.Prices(loTick, n, step);
        var v2Lo = v2.Prices.Count > 0 ? (long)Math.Round(v2.Prices[0] / step, MidpointRounding.ToEven) : 0;

        double At(IReadOnlyList<double> values, int i)
        {
            var j = loTick + i - v2Lo;
            return j >= 0 && j < values.Count && double.IsFinite(values[(int)j]) ? values[(int)j] : 0;
        }

        double[] Column(IReadOnlyList<double> values) => [.. Enumerable.Range(0, n).Select(i => At(values, i))];

        var rawLong = Column(v2.LongIntensity);
        var rawShort = Column(v2.ShortIntensity);
        var tapeLong = Column(v2.LongTapeUsd);
        var tapeShort = Column(v2.ShortTapeUsd);
        var projLong = Column(v2.LongProjectedUsd);
        var projShort = Column(v2.ShortProjectedUsd);
        var smoothLong = Smooth(rawLong);
        var smoothShort = Smooth(rawShort);
        var (p50, p95) = Percentiles(smoothLong.Concat(smoothShort));

        double[] Normalise(double[] smooth, double[] tape, double[] proj) => [.. smooth.Select((v, i) =>
        {
            var x = Norm(v, p50, p95);
            return tape[i] + proj[i] >= options.VisibilityFloorUsd && x < options.VisibilityFloor ? Math.Round(options.VisibilityFloor, 4) : x;
        })];

        return new HeatmapV1Snapshot
        {
            Symbol = v2.Symbol,
            Ts = v2.Ts,
            Src = v2.Src,
            Step = step,
            PriceMin = n > 0 ? prices[0] : 0,
            PriceMax = n > 0 ? prices[^1] : 0,
            Prices = prices,
            LongIntensity = Normalise(smoothLong, tapeLong, projLong),
            ShortIntensity = Normalise(smoothShort, tapeShort, projShort),
            LongNotionalUsd = [.. rawLong.Select(v => Math.Round(v, 2))],
            ShortNotionalUsd = [.. rawShort.Select(v => Math.Round(v, 2))],
            LongSizeBtc = [.. rawLong.Select((v, i) => Math.Round(v / prices[i], 6))],
            ShortSizeBtc = [.. rawShort.Select((v, i) => Math.Round(v / prices[i], 6))],
            TopLongZones = Top(v2.LongLevels),
            TopShortZones = Top(v2.ShortLevels),
            Norm = new HeatmapV1Norm("p50_p95", Math.Round(p50, 6), Math.Round(p95, 6)),
            LongTapeUsd = tapeLong,
            ShortTapeUsd = tapeShort,
            LongProjectedUsd = projLong,
            ShortProjectedUsd = projShort,
            LongSizeBase = [.. tapeLong.Select((t, i) => Math.Round((t + projLong[i]) / prices[i], 8))],
            ShortSizeBase = [.. tapeShort.Select((t, i) => Math.Round((t + projShort[i]) / prices[i], 8))],
        };
    }

    /// <summary>The 5-tap kernel over ±2 buckets, renormalised by the in-range weights at the edges; only if ≥ 5 values.</summary>
    public static double[] Smooth(double[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length < Kernel.Length)
        {
            return [.. raw];
        }

        var result = new double[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            double sum = 0, weights = 0;
            for (var k = -2; k <= 2; k++)
            {
                var j = i + k;
                if (j >= 0 && j < raw.Length)
                {
                    sum += Kernel[k + 2] * raw[j];
                    weights += Kernel[k + 2];
                }
            }

            result[i] = weights > 0 ? sum / weights : 0;
        }

        return result;
    }

    /// <summary><c>sorted[int(0.5n)]</c> and <c>sorted[min(int(0.95n), n−1)]</c> over the positive values; 0/1 with none.</summary>
    public static (double P50, double P95) Percentiles(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0).Order().ToList();
        if (positive.Count == 0)
        {
            return (0, 1);
        }

        var p50 = positive[(int)(0.5 * positive.Count)];
        var p95 = positive[Math.Min((int)(0.95 * positive.Count), positive.Count - 1)];
        return (p50, p95 <= p50 ? p50 + 0.01 : p95);
    }

    public static double Norm(double v, double p50, double p95)
    {
        if (v <= 0)
        {
            return 0;
        }

        var x = Math.Clamp((v - p50) / (p95 - p50), 0, 1);
        return x <= 0.1 ? 0 : Math.Round(x, 4);
    }

    private static IReadOnlyList<HeatmapV1Zone> Top(IReadOnlyList<HeatmapV2Level> levels) =>
        [.. levels.OrderByDescending(l => l.Intensity).Take(5).Select(l => new HeatmapV1Zone(Math.Round(l.Price, 2), Math.Round(l.Intensity, 4), 0))];
}
