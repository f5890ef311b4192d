namespace ActorBot.Venues.Binance.Market;

/// <summary>A decoded slow-path market stream event (the hot ones are structs: <see cref="AggTrade"/>, <see cref="Trade"/>, <see cref="DepthUpdateFrame"/>).</summary>
public abstract record MarketEvent(string Symbol, long EventTimeMs);

/// <summary><c>bookTicker</c>: best bid/ask with quantities.</summary>
public sealed record BookTickerEvent(
    string Symbol, long EventTimeMs, long UpdateId, long TransactionTimeMs,
    decimal BidPrice, decimal BidQuantity, decimal AskPrice, decimal AskQuantity) : MarketEvent(Symbol, EventTimeMs);

/// <summary><c>markPriceUpdate</c>: mark/index price and funding.</summary>
public sealed record MarkPriceEvent(
    string Symbol, long EventTimeMs, decimal MarkPrice, decimal IndexPrice, decimal? EstimatedSettlePrice,
    decimal FundingRate, long NextFundingTimeMs) : MarketEvent(Symbol, EventTimeMs);

/// <summary>
/// <c>forceOrder</c>: a liquidation order. Binance pushes at most one per symbol per second, so this is a
/// sample of liquidations, not a complete tape. Side SELL means a long was liquidated.
/// </summary>
public sealed record ForceOrderEvent(
    string Symbol, long EventTimeMs, string Side, string OrderType, string TimeInForce,
    decimal OriginalQuantity, decimal Price, decimal AveragePrice, string Status,
    decimal LastFilledQuantity, decimal CumulativeFilledQuantity, long TradeTimeMs) : MarketEvent(Symbol, EventTimeMs);

/// <summary><c>kline</c>: one candle, open or closed (<see cref="IsClosed"/>).</summary>
public sealed record KlineEvent(string Symbol, long EventTimeMs, Kline Kline) : MarketEvent(Symbol, EventTimeMs);

/// <summary>A candle from the kline stream or the REST klines endpoint.</summary>
public sealed record Kline(
    long OpenTimeMs, long CloseTimeMs, string Interval, decimal Open, decimal High, decimal Low, decimal Close,
    decimal Volume, decimal QuoteVolume, long TradeCount, decimal TakerBuyVolume, decimal TakerBuyQuoteVolume, bool IsClosed);
