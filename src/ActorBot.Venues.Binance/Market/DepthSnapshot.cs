using ActorBot.Domain.OrderBook;

namespace ActorBot.Venues.Binance.Market;

/// <summary>A REST <c>GET /fapi/v1/depth</c> answer. Levels in <see cref="Fixed8"/> units, best first.</summary>
public sealed record DepthSnapshot(
    long LastUpdateId,
    long EventTimeMs,
    long TransactionTimeMs,
    BookLevel[] Bids,
    BookLevel[] Asks);
