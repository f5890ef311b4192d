using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Venues.Execution;

// What /venues/{venue}/execution journals (manifests in EnginePersistence). Every request that creates an order is
// journaled BEFORE it leaves, so after a crash the journal names every order that may exist at the venue. Legs and
// outcomes are strings, not enum numbers, so a reordered enum can never change the meaning of a stored event.

/// <summary>Marker for the execution journal; <see cref="ExecutionState.Apply"/> evolves the state from each.</summary>
public interface IExecutionEvent : IPersisted
{
    long AtMs { get; }
}

/// <summary>An approved entry is about to be sent as a MARKET order with <paramref name="ClientOrderId"/>.</summary>
public sealed record EntrySent(
    string EventId,
    string Symbol,
    long SignalTimeMs,
    int Side,
    decimal Quantity,
    decimal StopPrice,
    decimal TakeProfitPrice,
    string ClientOrderId,
    long AtMs) : IExecutionEvent;

/// <summary>
/// A venue answer about one regular order: <c>acked</c>, <c>rejected</c>, <c>in-doubt</c> (outcome unknown even after
/// the lookup by client id), <c>not-found</c> (the venue never saw it), <c>canceled</c>, <c>expired</c>.
/// </summary>
public sealed record OrderAnswered(string ClientOrderId, string Outcome, long? VenueOrderId, string? Detail, long AtMs) : IExecutionEvent;

/// <summary>One execution of an order of ours (entry, bracket leg or flatten), keyed by the venue's trade id.</summary>
public sealed record FillRecorded(string ClientOrderId, long TradeId, decimal Quantity, decimal Price, decimal Fee, long AtMs) : IExecutionEvent;

/// <summary>A bracket leg (<c>sl</c> | <c>tp</c>) is about to be sent to the Algo Order API.</summary>
public sealed record BracketSent(string EventId, string Leg, string ClientAlgoId, decimal TriggerPrice, decimal Quantity, long AtMs) : IExecutionEvent;

/// <summary>An algo order's status as the venue reported it (NEW, REJECTED, IN_DOUBT, TRIGGERED, FINISHED, CANCELED, EXPIRED).</summary>
public sealed record BracketAnswered(string ClientAlgoId, string Status, string? Detail, long AtMs) : IExecutionEvent;

/// <summary>A reduce-only MARKET close is about to be sent (bracket failure, restart-flatten, kill switch, horizon).</summary>
public sealed record FlattenSent(string? EventId, string Symbol, string ClientOrderId, string Side, decimal Quantity, string Reason, long AtMs) : IExecutionEvent;

/// <summary>The position of an entry is closed (reason: tp | sl | flatten_bracket_failed | kill_switch | restart_flatten | horizon), or the entry failed (nothing open).</summary>
public sealed record TradeClosed(string EventId, string Reason, decimal ExitPrice, decimal Quantity, decimal RealizedPnl, long AtMs) : IExecutionEvent;
