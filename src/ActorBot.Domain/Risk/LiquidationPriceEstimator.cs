using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Risk;

/// <summary>
/// Estimated liquidation price of an isolated USDⓈ-M position in one-way mode, from Binance's published
/// formula ("How to Calculate Liquidation Price of USDⓈ-M Futures Contracts",
/// https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93):
/// <c>LP = (WB + cum − side·Q·EP) / (Q·MMR − side·Q)</c>, where in isolated mode TMM = UPNL = 0 and WB is the
/// isolated wallet balance. With the position opened at leverage L and no added margin, WB = Q·EP/L, so
/// Q cancels: long <c>LP = (EP·(1 − 1/L) − cum/Q) / (1 − MMR)</c>, short <c>LP = (EP·(1 + 1/L) + cum/Q) / (1 + MMR)</c>.
/// An estimate: fees, funding and the bracket tier at the liquidation notional are not modelled; the
/// venue's own figure (positionRisk) is preferred when there is one.
/// </summary>
public static class LiquidationPriceEstimator
{
    /// <param name="maintenanceAmountUsd">Binance's "maintenance amount" (cum) of the position's bracket; 0 for the first tier.</param>
    /// <param name="quantity">Position size; only needed when <paramref name="maintenanceAmountUsd"/> is not zero.</param>
    public static decimal Isolated(
        decimal entryPrice,
        decimal leverage,
        TradeDirection direction,
        decimal maintenanceMarginRate,
        decimal maintenanceAmountUsd = 0m,
        decimal quantity = 1m)
    {
        if (entryPrice <= 0 || leverage < 1 || maintenanceMarginRate < 0 || maintenanceMarginRate >= 1 || quantity <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(entryPrice),
                $"entry {entryPrice}, leverage {leverage}, mmr {maintenanceMarginRate}, quantity {quantity}: entry and quantity must be positive, leverage at least 1, 0 <= mmr < 1");
        }

        var cumPerUnit = maintenanceAmountUsd / quantity;
        var price = direction == TradeDirection.Long
            ? ((entryPrice * (1m - (1m / leverage))) - cumPerUnit) / (1m - maintenanceMarginRate)
            : ((entryPrice * (1m + (1m / leverage))) + cumPerUnit) / (1m + maintenanceMarginRate);

        // A long at 1x cannot be liquidated: the formula goes to (or below) zero, which Binance shows as "--".
        return Math.Max(price, 0m);
    }
}
