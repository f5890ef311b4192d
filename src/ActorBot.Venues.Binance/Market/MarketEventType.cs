namespace ActorBot.Venues.Binance.Market;

/// <summary>The kind of a market-stream payload (its <c>e</c>), or a REST depth snapshot found in a recording.</summary>
public enum MarketEventType
{
    Unknown,
    AggTrade,
    Trade,
    DepthUpdate,
    BookTicker,
    MarkPriceUpdate,
    ForceOrder,
    Kline,
    DepthSnapshot,
}
