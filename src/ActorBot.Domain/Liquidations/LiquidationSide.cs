namespace ActorBot.Domain.Liquidations;

/// <summary>The side of the position that was (or would be) liquidated — not the side of the liquidation order.</summary>
public enum LiquidationSide
{
    /// <summary>A long position: its liquidation is a SELL, and its level lies below the price.</summary>
    Long,

    /// <summary>A short position: its liquidation is a BUY, and its level lies above the price.</summary>
    Short,
}
