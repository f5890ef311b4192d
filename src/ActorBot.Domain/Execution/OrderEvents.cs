namespace ActorBot.Domain.Execution;

/// <summary>Facts about one order, from our side (send) or the venue's (REST answers, user-data stream).</summary>
public abstract record OrderEvent;

/// <summary>The request left the process (journaled before it leaves).</summary>
public sealed record OrderSent(long AtMs) : OrderEvent;

/// <summary>The send failed in a way that leaves its fate unknown (timeout, 5xx, connection reset).</summary>
public sealed record OrderSendOutcomeUnknown(string Detail, long AtMs) : OrderEvent;

/// <summary>The venue accepted the order (REST answer or NEW on the stream).</summary>
public sealed record OrderAcked(long VenueOrderId, long AtMs) : OrderEvent;

/// <summary>One execution. <paramref name="TradeId"/> keys de-duplication: the stream and REST can both report it.</summary>
public sealed record OrderFilled(long TradeId, decimal Quantity, decimal Price, decimal Fee, long AtMs) : OrderEvent;

public sealed record OrderCanceled(long AtMs) : OrderEvent;

public sealed record OrderExpired(long AtMs) : OrderEvent;

/// <summary>The venue refused the order (a definite answer, e.g. a filter error code).</summary>
public sealed record OrderRejected(string Reason, long AtMs) : OrderEvent;

/// <summary>A lookup by client id found nothing at the venue: the send never arrived.</summary>
public sealed record OrderUnknownAtVenue(long AtMs) : OrderEvent;
