namespace ActorBot.Domain.Liquidations;

/// <summary>
/// One forced liquidation from any venue, normalised (moonstream SPEC §1.2 <c>CommonLiqEvent</c>): the side of the
/// liquidated position, the order price, the quantity in base units and the venue's time in milliseconds.
/// USD is derived at the boundary (<see cref="NotionalUsd"/>), never stored.
/// </summary>
public sealed record LiquidationEvent(
    string Venue, string Symbol, LiquidationSide Side, decimal Price, decimal Quantity, long TimestampMs)
{
    public double NotionalUsd => (double)(Price * Quantity);

    /// <summary>The minute (epoch ms of its start) the event belongs to.</summary>
    public long MinuteMs => TimestampMs - (((TimestampMs % 60_000) + 60_000) % 60_000);
}
