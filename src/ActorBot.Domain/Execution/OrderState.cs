namespace ActorBot.Domain.Execution;

/// <summary>
/// Where one order is. <see cref="InDoubt"/>: a send whose outcome is unknown (timeout, dropped connection);
/// it leaves that state only on a venue answer, never by a local timer, so it is neither dropped nor sent
/// twice. <see cref="NotFound"/>: the venue answered that it has no order with our id, so the send never
/// arrived and a new attempt may go out.
/// </summary>
public enum OrderState
{
    New,
    Sent,
    InDoubt,
    Acked,
    PartiallyFilled,
    Filled,
    Canceled,
    Rejected,
    Expired,
    NotFound,
}

public static class OrderStateExtensions
{
    /// <summary>Terminal states take no further transitions except late fills (see <see cref="OrderLifecycle"/>).</summary>
    public static bool IsTerminal(this OrderState state) =>
        state is OrderState.Filled or OrderState.Canceled or OrderState.Rejected or OrderState.Expired or OrderState.NotFound;

    /// <summary>States in which the venue may hold a live order for this id.</summary>
    public static bool MayBeLiveAtVenue(this OrderState state) =>
        state is OrderState.Sent or OrderState.InDoubt or OrderState.Acked or OrderState.PartiallyFilled;
}
