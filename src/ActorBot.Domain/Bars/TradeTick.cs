namespace ActorBot.Domain.Bars;

/// <summary>
/// One taker trade in base-asset quantity. <see cref="IsBuyerMaker"/> = true means the aggressor
/// sold (taker sell); false means taker buy (SPEC §2.0). Quantities of inverse (COIN-M) contracts are
/// converted to base units by the reader before they become ticks.
/// </summary>
public readonly record struct TradeTick(long TimestampMs, double Price, double Quantity, bool IsBuyerMaker, long TradeId = 0);
