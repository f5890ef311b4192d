namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// Published on the event stream by <c>/user/venues/{venue}/execution</c> once a journal event is persisted (order
/// sent, answered, filled, bracket placed, position closed), for <c>/user/telemetry</c>. <paramref name="Symbol"/>,
/// <paramref name="EventId"/> and <paramref name="Leg"/> (<c>entry</c> | <c>flatten</c> | <c>sl</c> | <c>tp</c>) are
/// looked up in the execution state; null when the order is not one of a known trade.
/// </summary>
public sealed record OrderJournaled(string Venue, string? Symbol, string? EventId, string? Leg, IExecutionEvent Event);
