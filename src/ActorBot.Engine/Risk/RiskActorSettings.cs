using ActorBot.Domain.Risk;
using ActorBot.Domain.Sizing;

namespace ActorBot.Engine.Risk;

/// <summary>
/// Everything /risk needs: the portfolio rules (<see cref="RiskSettings"/>), the sizing inputs and the exchange
/// filters per symbol. <see cref="FreeBalanceUsd"/> stands in for the account's free balance until
/// /venues/{v}/account reports it (<see cref="SetFreeBalance"/>); <see cref="Filters"/> stand in for exchangeInfo
/// until the account sends the venue's (<see cref="SetSymbolFilters"/>).
/// </summary>
public sealed record RiskActorSettings(
    RiskSettings Rules,
    decimal QuoteRiskPerTrade,
    decimal Leverage,
    decimal MaintenanceMarginRate,
    decimal FreeBalanceUsd,
    SymbolFilters DefaultFilters,
    IReadOnlyDictionary<string, SymbolFilters> Filters,
    int SnapshotEvery)
{
    /// <summary>The symbol's own filters when configured, else the default set under the symbol's name.</summary>
    public SymbolFilters FiltersFor(string symbol) =>
        Filters.TryGetValue(symbol, out var own) ? own : DefaultFilters with { Symbol = symbol };
}
