namespace ActorBot.Domain.Barriers;

/// <summary>
/// Barrier trade geometry (SPEC §1, §6.1). R = <see cref="RiskKAtr"/> × ATR; SL, TP and the
/// breakeven trigger are multiples of R; <see cref="HorizonBars"/> bars at most; TP wins a bar where
/// both TP and SL are touched. <see cref="BreakevenR"/> null means no breakeven move.
/// </summary>
public sealed record BarrierGeometry(string Name, double RiskKAtr, double StopR, double TakeProfitR, double? BreakevenR, int HorizonBars)
{
    /// <summary>The HEAD research preset <c>strategy</c>: R = 0.5·ATR, SL 2.5R, TP 4R, BE at 1R, 30 bars. The default.</summary>
    public static BarrierGeometry Strategy { get; } = new("strategy", 0.5, 2.5, 4.0, 1.0, 30);

    /// <summary>
    /// The older geometry quoted as "SL 0.5R / TP 3R / H30" (README, live-engine log defaults); in the
    /// research these multiples are in ATR units (R = 1·ATR) and there is no breakeven (SPEC §9).
    /// </summary>
    public static BarrierGeometry Legacy05R3R { get; } = new("legacy_0p5r_3r", 1.0, 0.5, 3.0, null, 30);

    public static BarrierGeometry ByName(string name) => name switch
    {
        "strategy" => Strategy,
        "legacy_0p5r_3r" => Legacy05R3R,
        _ => throw new ArgumentException($"Unknown barrier preset '{name}' (known: strategy, legacy_0p5r_3r)."),
    };

    /// <summary>
    /// The time barrier: a trade that has seen <paramref name="barsOnPath"/> bars of its causal path (see
    /// <see cref="SnapTradeBook.IsOnPath"/>) without another exit ends now. One rule for the paper path
    /// (<see cref="BarrierTrade"/>) and for trades whose price barriers the venue holds (<see cref="HorizonWatch"/>).
    /// </summary>
    public bool HorizonReached(int barsOnPath) => barsOnPath >= HorizonBars;

    public BarrierGeometry Validate()
    {
        if (!(RiskKAtr > 0) || !(StopR > 0) || !(TakeProfitR > 0) || BreakevenR is <= 0 || HorizonBars < 1
            || !double.IsFinite(RiskKAtr) || !double.IsFinite(StopR) || !double.IsFinite(TakeProfitR))
        {
            throw new ArgumentException($"Barrier geometry '{Name}' is not valid: risk_k_atr, sl, tp and be must be positive and finite, horizon at least 1.");
        }

        return this;
    }
}
