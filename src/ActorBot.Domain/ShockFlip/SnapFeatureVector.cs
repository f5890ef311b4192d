using ActorBot.Domain.Models;

namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// The meta-model's 24 inputs in their binding order (SPEC §7.1) and the builder that fills them
/// from an event. Values are raw; the model applies the float32 / NaN → 0 contract itself.
/// </summary>
public static class SnapFeatureVector
{
    public static FeatureSchema Schema { get; } = new(
    [
        "side", "open", "high", "low", "close", "atr", "atr_pct", "rel_vol", "imbalance", "imbalance_z",
        "shockflip_z", "shock_intensity_z", "range_atr", "donchian_loc", "price_flow_div", "prior_flow_sign",
        "div_score", "trend_dir", "trend_aligned", "trend_slope", "stall_flag", "shock_intensity_z_decile",
        "div_score_decile", "rel_vol_decile",
    ]);

    public static double[] Build(ShockFlipEvent e)
    {
        var f = e.Features;
        var b = f.Bar;
        return
        [
            e.Side, b.Open, b.High, b.Low, b.Close, f.Atr, f.AtrPct, f.RelVol, f.Imbalance, f.ImbalanceZ,
            f.ImbalanceZ, f.ShockIntensityZ, f.RangeAtr, f.DonchianLoc, f.PriceFlowDiv, f.PriorFlowSign,
            f.DivScore, f.TrendDir, e.TrendAligned, f.TrendSlope, f.StallFlag, e.ShockIntensityZDecile,
            e.DivScoreDecile, e.RelVolDecile,
        ];
    }
}
