namespace ActorBot.Venues.Binance.Market;

/// <summary>A <c>trade</c> stream event (one fill). <see cref="ExecutionType"/> is <c>X</c> (e.g. MARKET), empty when absent.</summary>
public readonly record struct Trade(
    string Symbol,
    long EventTimeMs,
    long TradeTimeMs,
    long TradeId,
    decimal Price,
    decimal Quantity,
    string ExecutionType,
    bool IsBuyerMaker);
