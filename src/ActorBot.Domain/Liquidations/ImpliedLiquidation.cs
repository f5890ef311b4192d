namespace ActorBot.Domain.Liquidations;

/// <summary>
/// The one implied-liquidation-price function of every liquidation engine (inference, calibrator, zones).
/// The old system had two (SPEC §4.1 without, §6.2 with a <c>0.01/L</c> term), so the calibrator tuned levels the
/// projections never used (§13 #6). We keep the projection's form: a position opened at <c>entry</c> with leverage
/// L is liquidated after an adverse move of 1/L plus a maintenance buffer. The <c>0.01/L</c> term has no basis
/// in Binance's margin rules (maintenance margin is a rate on notional, i.e. a constant buffer per bracket), so it
/// is not carried over.
/// </summary>
public static class ImpliedLiquidation
{
    /// <summary>The price at which a position of the given side, entry and leverage is liquidated.</summary>
    public static double Price(LiquidationSide side, double entry, double leverage, double buffer)
    {
        if (!(leverage > 0) || !double.IsFinite(leverage))
        {
            throw new ArgumentOutOfRangeException(nameof(leverage), $"Leverage {leverage} must be a positive finite number.");
        }

        var offset = (1.0 / leverage) + buffer;
        return side == LiquidationSide.Long ? entry * (1.0 - offset) : entry * (1.0 + offset);
    }

    /// <summary>The relative distance from entry to the liquidation level: 1/L + buffer.</summary>
    public static double Offset(double leverage, double buffer) => (1.0 / leverage) + buffer;

    /// <summary>
    /// The leverage a liquidation at <paramref name="liquidation"/> implies for a position opened at
    /// <paramref name="entry"/> (the inverse of <see cref="Price"/>), or null when the move is within the buffer.
    /// </summary>
    public static double? ImpliedLeverage(double entry, double liquidation, double buffer)
    {
        if (!(entry > 0))
        {
            return null;
        }

        var move = Math.Abs(entry - liquidation) / entry;
        return move > buffer ? 1.0 / (move - buffer) : null;
    }
}
