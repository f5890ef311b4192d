using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Risk;

/// <summary>
/// A trader's request to open a position, already sized. <paramref name="LiquidationPrice"/> is the
/// venue's figure when known; otherwise the book estimates it from <paramref name="Leverage"/> and
/// <paramref name="MaintenanceMarginRate"/> (<see cref="LiquidationPriceEstimator"/>).
/// </summary>
public sealed record EntryIntent(
    string TradeId,
    string Symbol,
    TradeDirection Direction,
    decimal EntryPrice,
    decimal StopPrice,
    decimal Quantity,
    decimal Leverage,
    decimal MaintenanceMarginRate,
    decimal? LiquidationPrice = null)
{
    public decimal NotionalUsd => EntryPrice * Quantity;
}

/// <summary>
/// Conditions held in memory by the actors, not journaled: they describe the present (is the symbol
/// warm, is anything pausing entries) and would be wrong after a restart if they were replayed.
/// </summary>
public sealed record EntryConditions(bool SymbolWarm, bool SafePaused)
{
    public static EntryConditions Ready { get; } = new(true, false);
}
