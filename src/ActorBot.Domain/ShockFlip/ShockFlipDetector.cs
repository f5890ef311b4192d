namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// The ShockFlip reversal rule (SPEC §5.1), evaluated on a closed bar's own features:
/// long (+1) when imbalance_z ≤ −z_band, range_atr &gt; jump_band and low ≤ 1.001 × Donchian low;
/// short (−1) when imbalance_z ≥ +z_band, the same range test and high ≥ 0.999 × Donchian high.
/// Contrarian: heavy taker selling at a fresh low gives a long. No cooldown, no de-duplication,
/// and no signal when ATR is not finite or not positive. NaN comparisons are false, so nothing fires
/// during warm-up.
/// </summary>
public sealed class ShockFlipDetector
{
    private readonly ShockFlipParameters _p;

    public ShockFlipDetector(ShockFlipParameters parameters)
    {
        _p = parameters.Validate();
    }

    /// <summary>+1 (long), −1 (short) or 0 (no signal).</summary>
    public int Evaluate(BarFeatures f)
    {
        if (!double.IsFinite(f.Atr) || f.Atr <= 0)
        {
            return 0;
        }

        var bar = f.Bar;
        var jump = (bar.High - bar.Low) / (f.Atr + FeatureStream.Eps) > _p.JumpBand;
        if (!jump)
        {
            return 0;
        }

        if (f.ImbalanceZ <= -_p.ZBand && bar.Low <= _p.LowExtremeFactor * f.DonchianLow)
        {
            return 1;
        }

        if (f.ImbalanceZ >= _p.ZBand && bar.High >= _p.HighExtremeFactor * f.DonchianHigh)
        {
            return -1;
        }

        return 0;
    }

    /// <summary>The event for a signalling bar, or null.</summary>
    public ShockFlipEvent? Detect(BarFeatures f)
    {
        var side = Evaluate(f);
        return side == 0 ? null : ShockFlipEvent.From(f, side);
    }
}
