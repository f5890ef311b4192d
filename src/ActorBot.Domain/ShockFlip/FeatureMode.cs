namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// <c>research</c>: reproduces the research pipeline exactly (10-day chunks, chunk resets, tick dedup
/// and snap, chunk-global atr_pct / price_flow_div, year-level deciles) — offline parity only.
/// <c>causal</c>: only the past; what replay, paper and live use. See docs/strategy.md.
/// </summary>
public enum FeatureMode
{
    Research,
    Causal,
}

/// <summary>Fixed decile cut points (nine per feature) stored with a model for causal mode.</summary>
public sealed record DecileCutPoints(IReadOnlyList<double> ShockIntensityZ, IReadOnlyList<double> DivScore, IReadOnlyList<double> RelVol)
{
    public ShockFlipEvent Apply(ShockFlipEvent e) => e with
    {
        ShockIntensityZDecile = Deciles.Causal(e.Features.ShockIntensityZ, ShockIntensityZ),
        DivScoreDecile = Deciles.Causal(e.Features.DivScore, DivScore),
        RelVolDecile = Deciles.Causal(e.Features.RelVol, RelVol),
    };
}
