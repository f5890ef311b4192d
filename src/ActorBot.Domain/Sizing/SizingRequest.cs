using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Sizing;

/// <summary>
/// Inputs of one sizing decision. <paramref name="QuoteRiskPerTrade"/> is the USD lost if the stop is hit;
/// <paramref name="NotionalCapUsd"/> caps the position value; the balance times leverage caps the margin.
/// <paramref name="Price"/> is the expected entry (mark or last trade for a MARKET entry).
/// </summary>
public sealed record SizingRequest(
    TradeDirection Direction,
    decimal Price,
    decimal StopPrice,
    decimal QuoteRiskPerTrade,
    decimal NotionalCapUsd,
    decimal FreeBalanceUsd,
    decimal Leverage,
    SymbolFilters Filters);
