using System.Collections.Immutable;
using ActorBot.Domain.Execution;
using ActorBot.Engine.Persistence;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Venues.Execution;

// Snapshot of /venues/{venue}/execution (manifest "execution.snapshot"): the whole ExecutionState as plain data.
// The state's own types hold immutable collections and enums, so the snapshot has explicit DTOs: enums are stored by
// name (a reordered enum never changes a stored snapshot), sets as sorted lists, and a Version field so a reshaped
// snapshot can be told apart (or migrated) instead of misread. Closed trades are kept: their ids make a re-sent
// intent a duplicate, never a second order.

/// <summary>Snapshot of the execution journal: every trade (open and closed), the client-id index and owned orders.</summary>
public sealed record ExecutionSnapshot(
    int Version,
    IReadOnlyList<ExecutionTradeDto> Trades,
    IReadOnlyList<ClientIdDto> TradeByClientId,
    IReadOnlyList<OwnedOrderDto> Owned) : IPersisted;

/// <summary>One <see cref="ExecutionTrade"/>.</summary>
public sealed record ExecutionTradeDto(
    string EventId,
    string Symbol,
    long SignalTimeMs,
    string Direction,
    decimal StopPrice,
    decimal TakeProfitPrice,
    OrderLifecycleDto Entry,
    BracketLegDto? StopLoss,
    BracketLegDto? TakeProfit,
    OrderLifecycleDto? Exit,
    string? CloseReason);

/// <summary>One <see cref="OrderLifecycle"/>; <paramref name="TradeIds"/> are the fills already counted (de-duplication).</summary>
public sealed record OrderLifecycleDto(
    string ClientOrderId,
    string Symbol,
    string Side,
    decimal Quantity,
    string State,
    long? VenueOrderId,
    decimal FilledQuantity,
    decimal AveragePrice,
    decimal Fees,
    IReadOnlyList<long> TradeIds,
    string? RejectReason);

/// <summary>One <see cref="BracketLeg"/>.</summary>
public sealed record BracketLegDto(string Leg, string ClientAlgoId, decimal TriggerPrice, decimal Quantity, string Status);

/// <summary>One entry of <see cref="ExecutionState.TradeByClientId"/>.</summary>
public sealed record ClientIdDto(string ClientId, string EventId);

/// <summary>One <see cref="OwnedOrder"/>.</summary>
public sealed record OwnedOrderDto(string ClientId, string Symbol, string Leg, bool IsAlgo);

/// <summary>Pure mapping between <see cref="ExecutionState"/> and <see cref="ExecutionSnapshot"/>, both ways.</summary>
public static class ExecutionSnapshots
{
    public const int CurrentVersion = 1;

    /// <summary>The manifest it is stored under (registered in EnginePersistence).</summary>
    public const string Manifest = "execution.snapshot";

    public static ExecutionSnapshot ToSnapshot(ExecutionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(
            CurrentVersion,
            state.Trades.Values.OrderBy(t => t.EventId, StringComparer.Ordinal).Select(ToDto).ToList(),
            state.TradeByClientId.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ClientIdDto(p.Key, p.Value)).ToList(),
            state.Owned.Values.OrderBy(o => o.ClientId, StringComparer.Ordinal)
                .Select(o => new OwnedOrderDto(o.ClientId, o.Symbol, o.Leg.ToString(), o.IsAlgo)).ToList());
    }

    /// <summary>The state a snapshot holds; a snapshot of another version is a typed error (never half-read).</summary>
    public static ExecutionState ToState(ExecutionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Version != CurrentVersion)
        {
            throw new PersistenceSerializationException(Manifest, $"execution snapshot version {snapshot.Version} is not {CurrentVersion}: add a migration");
        }

        var empty = ExecutionState.Empty;
        return new ExecutionState(
            empty.Trades.SetItems(snapshot.Trades.Select(t => KeyValuePair.Create(t.EventId, ToTrade(t)))),
            empty.TradeByClientId.SetItems(snapshot.TradeByClientId.Select(p => KeyValuePair.Create(p.ClientId, p.EventId))),
            empty.Owned.SetItems(snapshot.Owned.Select(o =>
                KeyValuePair.Create(o.ClientId, new OwnedOrder(o.ClientId, o.Symbol, SnapshotEnums.Parse<OrderLeg>(Manifest, o.Leg), o.IsAlgo)))));
    }

    private static ExecutionTradeDto ToDto(ExecutionTrade t) => new(
        t.EventId, t.Symbol, t.SignalTimeMs, t.Direction.ToString(), t.StopPrice, t.TakeProfitPrice, ToDto(t.Entry),
        ToDto(t.StopLoss), ToDto(t.TakeProfit), t.Exit is null ? null : ToDto(t.Exit), t.CloseReason);

    private static OrderLifecycleDto ToDto(OrderLifecycle o) => new(
        o.ClientOrderId, o.Symbol, o.Side.ToString(), o.Quantity, o.State.ToString(), o.VenueOrderId, o.FilledQuantity,
        o.AveragePrice, o.Fees, [.. o.TradeIds.Order()], o.RejectReason);

    private static BracketLegDto? ToDto(BracketLeg? b) =>
        b is null ? null : new(b.Leg, b.ClientAlgoId, b.TriggerPrice, b.Quantity, b.Status);

    private static ExecutionTrade ToTrade(ExecutionTradeDto t) => new(
        t.EventId, t.Symbol, t.SignalTimeMs, SnapshotEnums.Parse<TradeDirection>(Manifest, t.Direction), t.StopPrice, t.TakeProfitPrice, ToOrder(t.Entry),
        ToLeg(t.StopLoss), ToLeg(t.TakeProfit), t.Exit is null ? null : ToOrder(t.Exit), t.CloseReason);

    private static OrderLifecycle ToOrder(OrderLifecycleDto o) => new(
        o.ClientOrderId, o.Symbol, SnapshotEnums.Parse<OrderSide>(Manifest, o.Side), o.Quantity, SnapshotEnums.Parse<OrderState>(Manifest, o.State), o.VenueOrderId, o.FilledQuantity,
        o.AveragePrice, o.Fees, [.. o.TradeIds], o.RejectReason);

    private static BracketLeg? ToLeg(BracketLegDto? b) =>
        b is null ? null : new(b.Leg, b.ClientAlgoId, b.TriggerPrice, b.Quantity, b.Status);
}
