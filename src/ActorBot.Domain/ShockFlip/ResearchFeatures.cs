using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip.Rolling;

namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// Research feature mode (offline parity only): one chunk's bars, fresh state, then the two
/// chunk-global statistics that look ahead over the whole chunk (SPEC §4.6, §4.7):
/// <c>atr_pct</c> = percentile rank of ATR over all bars of the chunk, and
/// <c>price_flow_div</c> = z(pc) − z(fc) with the chunk's mean and population std.
/// Never use this mode to trade: a bar's value depends on bars after it.
/// </summary>
public static class ResearchFeatures
{
    public static IReadOnlyList<BarFeatures> ComputeChunk(IReadOnlyList<Bar> chunkBars, ShockFlipParameters parameters)
    {
        var stream = new FeatureStream(parameters);
        var rows = chunkBars.Select(stream.Push).ToArray();
        var atr = rows.Select(r => r.Atr).ToArray();
        var atrPct = SampleStatistics.PercentRank(atr);
        var zPc = ZScore(rows.Select(r => r.PriceChange).ToArray());
        var zFc = ZScore(rows.Select(r => r.FlowSum).ToArray());
        var result = new BarFeatures[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = rows[i] with { AtrPct = atrPct[i], PriceFlowDiv = zPc[i] - zFc[i] };
        }

        return result;
    }

    /// <summary>(x − mean)/std over the whole sample, no eps; all zeros if std is 0 or not finite.</summary>
    public static double[] ZScore(double[] x)
    {
        var (mean, std) = SampleStatistics.MeanAndStd(x);
        var z = new double[x.Length];
        if (!double.IsFinite(std) || std == 0.0)
        {
            return z;
        }

        for (var i = 0; i < x.Length; i++)
        {
            z[i] = (x[i] - mean) / std;
        }

        return z;
    }
}
