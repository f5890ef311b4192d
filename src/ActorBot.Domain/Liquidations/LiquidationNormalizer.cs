namespace ActorBot.Domain.Liquidations;

/// <summary>
/// Turns each venue's liquidation fields into a <see cref="LiquidationEvent"/> (moonstream SPEC §1.2). Bad values are
/// rejected with a reason the caller counts, never guessed: the old code used the local clock for a missing time and
/// contract size 1.0 for an unknown OKX instrument, both of which put wrong numbers on the map.
/// </summary>
public static class LiquidationNormalizer
{
    /// <summary>Binance <c>forceOrder</c> (<c>o.S</c>, <c>o.p</c>, <c>o.q</c>, <c>o.T</c>): SELL liquidates a long.</summary>
    public static LiquidationRejection FromBinance(
        string venue, string symbol, string orderSide, decimal price, decimal quantity, long tradeTimeMs, out LiquidationEvent? result)
        => Make(venue, symbol, orderSide switch
        {
            "SELL" => LiquidationSide.Long,
            "BUY" => LiquidationSide.Short,
            _ => null,
        }, price, quantity, tradeTimeMs, out result);

    /// <summary>Bybit <c>allLiquidation</c> (<c>S</c>, <c>p</c>, <c>v</c>, <c>T</c>): "Sell" liquidates a long, as on Binance.</summary>
    public static LiquidationRejection FromBybit(
        string venue, string symbol, string side, decimal price, decimal quantity, long timeMs, out LiquidationEvent? result)
        => Make(venue, symbol, side switch
        {
            "Sell" => LiquidationSide.Long,
            "Buy" => LiquidationSide.Short,
            _ => null,
        }, price, quantity, timeMs, out result);

    /// <summary>
    /// OKX <c>liquidation-orders</c> (<c>posSide</c>, <c>bkPx</c>, <c>sz</c> in contracts, <c>ts</c>); the contract
    /// value (<c>ctVal</c>, base units per contract) comes from the venue's instrument list, not a constant.
    /// </summary>
    public static LiquidationRejection FromOkx(
        string venue, string symbol, string positionSide, decimal price, decimal contracts, decimal? contractValue, long timeMs,
        out LiquidationEvent? result)
    {
        if (contractValue is not > 0)
        {
            result = null;
            return LiquidationRejection.UnknownContractSize;
        }

        return Make(venue, symbol, positionSide switch
        {
            "long" => LiquidationSide.Long,
            "short" => LiquidationSide.Short,
            _ => null,
        }, price, contracts * contractValue.Value, timeMs, out result);
    }

    private static LiquidationRejection Make(
        string venue, string symbol, LiquidationSide? side, decimal price, decimal quantity, long timeMs, out LiquidationEvent? result)
    {
        result = null;
        if (side is null)
        {
            return LiquidationRejection.UnknownSide;
        }

        if (price <= 0)
        {
            return LiquidationRejection.NonPositivePrice;
        }

        if (quantity <= 0)
        {
            return LiquidationRejection.NonPositiveQuantity;
        }

        if (timeMs <= 0)
        {
            return LiquidationRejection.MissingTime;
        }

        result = new LiquidationEvent(venue, symbol, side.Value, price, quantity, timeMs);
        return LiquidationRejection.None;
    }
}
