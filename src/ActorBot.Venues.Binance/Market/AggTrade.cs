namespace ActorBot.Venues.Binance.Market;

/// <summary>An <c>aggTrade</c> stream event. Times are Unix milliseconds.</summary>
public readonly record struct AggTrade(
    string Symbol,
    long EventTimeMs,
    long AggregateTradeId,
    decimal Price,
    decimal Quantity,
    long FirstTradeId,
    long LastTradeId,
    long TradeTimeMs,
    bool IsBuyerMaker);
