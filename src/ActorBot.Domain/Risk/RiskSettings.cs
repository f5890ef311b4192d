namespace ActorBot.Domain.Risk;

/// <summary>
/// Portfolio risk limits for <c>/risk</c>. Money in USD (quote currency), counts per trade.
/// <see cref="SlBufferMultiplier"/> scales the stop distance the liquidation price must stay beyond.
/// </summary>
public sealed record RiskSettings(
    decimal DailyLossCapUsd,
    int LossStreakMax,
    int SessionCooldownMinutes,
    decimal SlBufferMultiplier,
    int MaxOpenTradesPerSymbol,
    int MaxOpenTradesGlobal,
    decimal MaxNotionalPerSymbolUsd)
{
    public long SessionCooldownMs => SessionCooldownMinutes * 60_000L;

    /// <summary>Rejects limits that would silently disable a rule (a zero cap would block everything, a negative one nothing).</summary>
    public RiskSettings Validate()
    {
        var errors = new List<string>();
        if (DailyLossCapUsd <= 0)
        {
            errors.Add($"daily_loss_cap_usd ({DailyLossCapUsd}) must be positive");
        }

        if (LossStreakMax < 1)
        {
            errors.Add($"loss_streak_max ({LossStreakMax}) must be at least 1");
        }

        if (SessionCooldownMinutes < 0)
        {
            errors.Add($"session_cooldown_minutes ({SessionCooldownMinutes}) must not be negative");
        }

        if (SlBufferMultiplier < 0)
        {
            errors.Add($"sl_buffer_multiplier ({SlBufferMultiplier}) must not be negative");
        }

        if (MaxOpenTradesPerSymbol < 1 || MaxOpenTradesGlobal < 1)
        {
            errors.Add($"max_open_trades per symbol ({MaxOpenTradesPerSymbol}) and global ({MaxOpenTradesGlobal}) must be at least 1");
        }

        if (MaxNotionalPerSymbolUsd <= 0)
        {
            errors.Add($"max_notional_per_symbol_usd ({MaxNotionalPerSymbolUsd}) must be positive");
        }

        return errors.Count == 0 ? this : throw new ArgumentException("risk settings: " + string.Join("; ", errors));
    }
}
