using ActorBot.Domain.Execution;
using ActorBot.Engine.Cluster;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>Ask /venues/{venue}/execution what it holds; answered with <see cref="ExecutionStatus"/>.</summary>
public sealed record GetExecutionStatus : IClusterMessage
{
    public static GetExecutionStatus Instance { get; } = new();
}

/// <summary>Where the execution actor is: restart-flatten running (intents queued) or accepting intents.</summary>
public enum ExecutionPhase
{
    Restarting,
    Ready,
}

/// <summary>An entry whose fate the venue has not told us yet (never dropped, never re-sent blindly).</summary>
public sealed record InDoubtOrder(string EventId, string Symbol, string ClientOrderId);

/// <summary>A position one of our entries holds at the venue, with its brackets' client ids (null: none working).</summary>
public sealed record OwnedPosition(string EventId, string Symbol, TradeDirection Direction, decimal Quantity, decimal EntryPrice, string? StopLossId, string? TakeProfitId);

/// <summary>
/// The probe's view of execution: phase, in-doubt orders, open positions we own, the last restart-flatten report,
/// and counters by <c>route status</c> (e.g. <c>POST /fapi/v1/order ok</c>, <c>POST /fapi/v1/algoOrder Rejected</c>,
/// <c>fill duplicate</c>).
/// </summary>
public sealed record ExecutionStatus(
    string Venue,
    ExecutionPhase Phase,
    int QueuedIntents,
    IReadOnlyList<InDoubtOrder> InDoubt,
    IReadOnlyList<OwnedPosition> OpenPositions,
    RestartReport? LastRestart,
    IReadOnlyDictionary<string, long> Counters) : IClusterMessage;
