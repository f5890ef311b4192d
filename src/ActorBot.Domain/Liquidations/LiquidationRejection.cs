namespace ActorBot.Domain.Liquidations;

/// <summary>Why a venue's liquidation message was not turned into a <see cref="LiquidationEvent"/> (counted by reason).</summary>
public enum LiquidationRejection
{
    None,
    NonPositivePrice,
    NonPositiveQuantity,
    UnknownSide,
    MissingTime,
    UnknownContractSize,
}
