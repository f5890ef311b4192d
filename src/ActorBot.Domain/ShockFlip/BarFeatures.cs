using ActorBot.Domain.Bars;

namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// Every per-bar feature of SPEC §4 for one closed bar. NaN means "not yet defined" (warm-up).
/// <see cref="PriceChange"/> and <see cref="FlowSum"/> are the raw inputs of price_flow_div before
/// its z-scoring, kept so that the research mode can apply chunk-global statistics afterwards.
/// </summary>
public sealed record BarFeatures
{
    public required Bar Bar { get; init; }

    /// <summary>0-based position of the bar in its stream (the research's chunk-local <c>idx</c>).</summary>
    public required int Index { get; init; }

    public double Delta { get; init; }

    public double Imbalance { get; init; }

    public double ImbalanceZ { get; init; }

    public double Tr { get; init; }

    public double Atr { get; init; }

    public double AtrPct { get; init; }

    public double DonchianHigh { get; init; }

    public double DonchianLow { get; init; }

    public double DonchianLoc { get; init; }

    public double PriorFlowSum { get; init; }

    public int PriorFlowSign { get; init; }

    public double PriceChange { get; init; }

    public double FlowSum { get; init; }

    public double PriceFlowDiv { get; init; }

    public double RelVol { get; init; }

    public double RangeAtr { get; init; }

    public double ShockIntensityZ { get; init; }

    public double DivScore { get; init; }

    public double TrendFast { get; init; }

    public double TrendSlow { get; init; }

    public int TrendDir { get; init; }

    public double TrendSlope { get; init; }

    public int StallFlag { get; init; }
}
