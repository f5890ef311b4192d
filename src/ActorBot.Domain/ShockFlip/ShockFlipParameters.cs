namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// Feature windows and detector thresholds. Defaults are the values the research used for the
/// 2024/2025 agg runs (SPEC §4, §5.1): z_band 1.8, jump_band 2.2, z_window 240, ATR 60, Donchian 120,
/// flow/divergence/rel-vol 60, EMA 50/200, slope 240, div-score lookback 6, min_bars 240, 10-day chunks.
/// Persistence and dynamic thresholds are no-ops in the research and are deliberately absent.
/// </summary>
public sealed record ShockFlipParameters
{
    public int ZWindow { get; init; } = 240;

    public double ZBand { get; init; } = 1.8;

    public double JumpBand { get; init; } = 2.2;

    public int AtrWindow { get; init; } = 60;

    public int DonchianWindow { get; init; } = 120;

    public int PriorFlowWindow { get; init; } = 60;

    public int DivergenceWindow { get; init; } = 60;

    public int RelVolWindow { get; init; } = 60;

    public int EmaFastSpan { get; init; } = 50;

    public int EmaSlowSpan { get; init; } = 200;

    public int SlopeWindow { get; init; } = 240;

    public int DivScoreLookback { get; init; } = 6;

    public int DivScoreSdWindow { get; init; } = 30;

    public int StallLookback { get; init; } = 5;

    public double StallReturn { get; init; } = 0.0015;

    public double StallZ { get; init; } = 1.0;

    public double LowExtremeFactor { get; init; } = 1.001;

    public double HighExtremeFactor { get; init; } = 0.999;

    /// <summary>Research mode: chunk length in UTC days.</summary>
    public int ChunkDays { get; init; } = 10;

    /// <summary>Research mode: a chunk with fewer bars is skipped.</summary>
    public int MinBars { get; init; } = 240;

    /// <summary>Causal mode: trailing window (bars) for the atr_pct rank and the price_flow_div z-scores.</summary>
    public int CausalStatWindow { get; init; } = 14_400;

    public static ShockFlipParameters Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public ShockFlipParameters Validate()
    {
        Positive(ZWindow, "z_window");
        Positive(AtrWindow, "atr_window");
        Positive(DonchianWindow, "donchian_window");
        Positive(PriorFlowWindow, "prior_flow_window");
        Positive(DivergenceWindow, "divergence_window");
        Positive(RelVolWindow, "rel_vol_window");
        Positive(EmaFastSpan, "ema_fast");
        Positive(EmaSlowSpan, "ema_slow");
        Positive(SlopeWindow, "slope_window");
        Positive(DivScoreLookback, "div_score_lookback");
        Positive(DivScoreSdWindow, "div_score_sd_window");
        Positive(StallLookback, "stall_lookback");
        Positive(ChunkDays, "chunk_days");
        Positive(CausalStatWindow, "causal_stat_window");
        if (MinBars < 0)
        {
            throw new ArgumentException($"min_bars {MinBars} must not be negative.");
        }

        Finite(ZBand, "z_band");
        Finite(JumpBand, "jump_band");
        Finite(StallReturn, "stall_return");
        Finite(StallZ, "stall_z");
        Finite(LowExtremeFactor, "low_extreme_factor");
        Finite(HighExtremeFactor, "high_extreme_factor");
        return this;
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{name} {value} must be at least 1.");
        }
    }

    private static void Finite(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"{name} {value} must be a finite, non-negative number.");
        }
    }
}
