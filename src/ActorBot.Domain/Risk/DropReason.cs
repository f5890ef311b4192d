namespace ActorBot.Domain.Risk;

/// <summary>
/// Every reason a decision blocks an order. The strings are metric labels
/// (<c>risk_drops_total{reason}</c>) and journal values, so they are stable: rename one and every
/// dashboard and replay scenario that pins drop counts breaks.
/// </summary>
public static class DropReason
{
    // Risk rules (RiskBook).
    public const string DailyCap = "daily_cap";
    public const string LossStreak = "loss_streak";
    public const string NearLiquidationLong = "near_liquidation_long";
    public const string NearLiquidationShort = "near_liquidation_short";
    public const string MaxOpenTradesSymbol = "max_open_trades_symbol";
    public const string MaxOpenTradesGlobal = "max_open_trades_global";
    public const string MaxNotionalSymbol = "max_notional_symbol";
    public const string Warmup = "warmup";
    public const string SafePause = "safe_pause";
    public const string KillSwitch = "kill_switch";

    // Exchange filters and sizing (SymbolFilters, PositionSizer).
    public const string MinQty = "min_qty";
    public const string MaxQty = "max_qty";
    public const string MinNotional = "min_notional";
    public const string StepSize = "step_size";
    public const string TickSize = "tick_size";
    public const string MinPrice = "min_price";
    public const string MaxPrice = "max_price";
    public const string PercentPrice = "percent_price";
    public const string InsufficientBalance = "insufficient_balance";

    /// <summary>A stop on the wrong side of the entry, or at the entry: no risk-based size exists.</summary>
    public const string InvalidStop = "invalid_stop";

    /// <summary>All labels, for pre-registering the metric so every series exists at zero.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DailyCap, LossStreak, NearLiquidationLong, NearLiquidationShort, MaxOpenTradesSymbol, MaxOpenTradesGlobal,
        MaxNotionalSymbol, Warmup, SafePause, KillSwitch, MinQty, MaxQty, MinNotional, StepSize, TickSize, MinPrice,
        MaxPrice, PercentPrice, InsufficientBalance, InvalidStop,
    ];
}
