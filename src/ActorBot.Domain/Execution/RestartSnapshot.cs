namespace ActorBot.Domain.Execution;

/// <summary>What to do with positions found at start: close them (default) or keep them under re-attached brackets.</summary>
public enum RestartPolicy
{
    Flatten,
    Adopt,
}

/// <summary>An order the journal says we sent (regular or algo), by client id.</summary>
public sealed record OwnedOrder(string ClientId, string Symbol, OrderLeg Leg, bool IsAlgo);

/// <summary>A regular open order as <c>GET /fapi/v1/openOrders</c> lists it.</summary>
public sealed record VenueOpenOrder(string Symbol, string ClientOrderId, long OrderId);

/// <summary>An open algo order as <c>GET /fapi/v1/openAlgoOrders</c> lists it.</summary>
public sealed record VenueAlgoOrder(string Symbol, string ClientAlgoId, long AlgoId);

/// <summary>A position; <paramref name="SignedQuantity"/> &gt; 0 long, &lt; 0 short (one-way mode).</summary>
public sealed record VenuePosition(string Symbol, decimal SignedQuantity, decimal EntryPrice);

/// <summary>The bracket prices the journal recorded for the trade that opened a symbol's position (needed to adopt it).</summary>
public sealed record BracketTargets(string Symbol, decimal StopTrigger, decimal TakeProfitTrigger, long SignalTimeMs);

/// <summary>Everything restart-flatten looks at: the recovered journal and the venue's view.</summary>
public sealed record RestartSnapshot(
    IReadOnlyList<OwnedOrder> Journal,
    IReadOnlyList<VenueOpenOrder> OpenOrders,
    IReadOnlyList<VenueAlgoOrder> OpenAlgoOrders,
    IReadOnlyList<VenuePosition> Positions,
    IReadOnlyList<BracketTargets> Targets);
