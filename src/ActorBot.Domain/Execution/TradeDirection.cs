namespace ActorBot.Domain.Execution;

/// <summary>The direction of a position. The numeric value is the sign used in PnL arithmetic.</summary>
public enum TradeDirection
{
    Long = 1,
    Short = -1,
}

/// <summary>The side of one order as the venue spells it.</summary>
public enum OrderSide
{
    Buy,
    Sell,
}

public static class TradeDirectionExtensions
{
    public static int Sign(this TradeDirection direction) => (int)direction;

    /// <summary>The order side that opens a position in this direction.</summary>
    public static OrderSide EntrySide(this TradeDirection direction) =>
        direction == TradeDirection.Long ? OrderSide.Buy : OrderSide.Sell;

    /// <summary>The order side that reduces or closes a position in this direction.</summary>
    public static OrderSide ExitSide(this TradeDirection direction) =>
        direction == TradeDirection.Long ? OrderSide.Sell : OrderSide.Buy;

    public static string ToVenueString(this OrderSide side) => side == OrderSide.Buy ? "BUY" : "SELL";
}
