using ActorBot.Engine.Cluster;
using Akka.Actor;

namespace ActorBot.Engine.Trading;

// The money path between actors (issue 10): /user/bot/{symbol}/trader → /user/bot/risk → /user/venues/{venue}/execution.
// Every message carries the strategy's event id, from which the execution side derives deterministic client order ids
// (Domain.Execution.ClientOrderId), so a re-sent intent (sharding hand-off, restart) is de-duplicated by the venue
// and by the execution journal, never sent twice. Prices and quantities are decimals on this path.

/// <summary>Trader → risk: the strategy wants this entry (a market order with an exchange-hosted SL and TP).</summary>
public sealed record TradeIntent(
    string Venue,
    string Symbol,
    string EventId,
    long SignalTimeMs,
    int Side,
    decimal ReferencePrice,
    decimal StopPrice,
    decimal TakeProfitPrice,
    IActorRef ReplyTo) : IClusterMessage;

/// <summary>Risk → trader (ReplyTo): the intent was dropped; <paramref name="Reason"/> is the <c>risk_drops_total</c> label.</summary>
public sealed record TradeRejected(string Symbol, string EventId, string Reason, string Detail) : IClusterMessage;

/// <summary>Risk → execution: an approved, sized entry.</summary>
public sealed record PlaceEntry(
    string Symbol,
    string EventId,
    long SignalTimeMs,
    int Side,
    decimal Quantity,
    decimal StopPrice,
    decimal TakeProfitPrice,
    IActorRef ReplyTo) : IClusterMessage;

/// <summary>Execution → ReplyTo: the entry filled (average price and quantity from the venue's fills).</summary>
public sealed record EntryFilled(string Symbol, string EventId, decimal AveragePrice, decimal Quantity) : IClusterMessage;

/// <summary>Execution → ReplyTo: both exchange-hosted brackets are working, priced from the actual fill.</summary>
public sealed record BracketsPlaced(string Symbol, string EventId, decimal StopTrigger, decimal TakeProfitTrigger) : IClusterMessage;

/// <summary>Execution → ReplyTo: the entry could not be made (refused, expired) — nothing is open.</summary>
public sealed record EntryFailed(string Symbol, string EventId, string Reason) : IClusterMessage;

/// <summary>
/// Execution → ReplyTo: the position of this entry is closed (a bracket triggered, or it was flattened because a
/// bracket could not be placed, by the kill switch, by restart-flatten or on the strategy's <see cref="ClosePosition"/>).
/// <paramref name="Reason"/>: tp | sl | flatten_bracket_failed | kill_switch | restart_flatten | horizon.
/// </summary>
public sealed record PositionClosed(string Symbol, string EventId, decimal ExitPrice, decimal Quantity, decimal RealizedPnl, string Reason) : IClusterMessage;

/// <summary>
/// Trader → risk → execution, after the trader recovered a routed trade it holds open: how is this entry now? A trade
/// execution has closed meanwhile is answered with its <see cref="PositionClosed"/> (the answer the trader missed: in a
/// cluster its entity moved, or the process restarted); an open one is not answered (the trader keeps watching it).
/// Changes nothing on the venue, so it is safe to send at every start.
/// </summary>
public sealed record SyncTrade(string Symbol, string EventId) : Cluster.IClusterMessage;

/// <summary>Kill switch → every venue's execution: cancel all orders and algo orders; optionally flatten reduce-only.</summary>
public sealed record CancelAll(bool Flatten, IActorRef ReplyTo) : IClusterMessage;

/// <summary>Execution → ReplyTo: what the cancel-all did, and how long it took on the wall clock.</summary>
public sealed record CancelAllDone(string Venue, int OrdersCanceled, int AlgoOrdersCanceled, int PositionsFlattened, TimeSpan Took) : IClusterMessage;

/// <summary>
/// Trader → risk → execution: close this entry's position now, reduce-only, and cancel its brackets (the strategy's
/// time barrier, <paramref name="Reason"/> <c>horizon</c>). Never blocked by risk: closing only lowers exposure.
/// Answered with <see cref="PositionClosed"/> carrying the same reason; a close for an unknown or already closed
/// entry is ignored (logged), so a re-sent close is harmless.
/// </summary>
public sealed record ClosePosition(string Symbol, string EventId, string Reason) : IClusterMessage;
