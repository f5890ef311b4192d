using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip.Rolling;

namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// Causal feature mode — what replay, paper and live use. Same per-bar features as the research,
/// computed only from the past (SPEC §10), with state carried across days (no 10-day chunk resets):
/// <list type="bullet">
/// <item><c>atr_pct</c>: percentile rank of the current ATR among the trailing
/// <see cref="ShockFlipParameters.CausalStatWindow"/> ATRs (research: rank over the whole chunk).</item>
/// <item><c>price_flow_div</c>: z(pc) − z(fc) with trailing rolling mean and population std over the
/// same window, pandas algorithms, NaN skipped; a zero or undefined std gives z = 0
/// (research: mean/std of the whole chunk).</item>
/// </list>
/// Every other feature is identical to the research's by construction (same <see cref="FeatureStream"/>).
/// </summary>
public sealed class CausalFeatureEngine
{
    private readonly FeatureStream _stream;
    private readonly TrailingPercentRank _atrRank;
    private readonly RollingSum _pcMean;
    private readonly RollingVariance _pcVar;
    private readonly RollingSum _fcMean;
    private readonly RollingVariance _fcVar;

    public CausalFeatureEngine(ShockFlipParameters parameters)
    {
        _stream = new FeatureStream(parameters);
        var w = parameters.CausalStatWindow;
        _atrRank = new TrailingPercentRank(w);
        _pcMean = new RollingSum(w, 1);
        _pcVar = new RollingVariance(w, 1, ddof: 0);
        _fcMean = new RollingSum(w, 1);
        _fcVar = new RollingVariance(w, 1, ddof: 0);
    }

    public int Count => _stream.Count;

    public BarFeatures Push(Bar bar)
    {
        var f = _stream.Push(bar);
        _pcMean.Push(f.PriceChange);
        _pcVar.Push(f.PriceChange);
        _fcMean.Push(f.FlowSum);
        _fcVar.Push(f.FlowSum);
        var div = Z(f.PriceChange, _pcMean.Mean, _pcVar.StdDev) - Z(f.FlowSum, _fcMean.Mean, _fcVar.StdDev);
        return f with { AtrPct = _atrRank.Push(f.Atr), PriceFlowDiv = div };
    }

    // Undefined input stays undefined (warm-up); a flat or undefined spread gives 0, as in the research.
    private static double Z(double x, double mean, double std) =>
        double.IsNaN(x) ? double.NaN : !double.IsFinite(std) || std == 0.0 ? 0.0 : (x - mean) / std;
}
