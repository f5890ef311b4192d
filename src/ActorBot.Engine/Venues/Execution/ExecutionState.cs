using System.Collections.Immutable;
using ActorBot.Domain.Execution;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// The execution journal folded into a value (STYLE 9: evolve). <see cref="Apply"/> is pure and used in recovery
/// and live alike, so recovery cannot drift from what the actor did. Order transitions go through the Domain's
/// <see cref="OrderLifecycle"/>, which de-duplicates fills by trade id.
/// </summary>
public sealed record ExecutionState(
    ImmutableDictionary<string, ExecutionTrade> Trades,
    ImmutableDictionary<string, string> TradeByClientId,
    ImmutableDictionary<string, OwnedOrder> Owned)
{
    public static ExecutionState Empty { get; } = new(
        ImmutableDictionary<string, ExecutionTrade>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, OwnedOrder>.Empty.WithComparers(StringComparer.Ordinal));

    public ExecutionTrade? TradeOf(string clientId) =>
        TradeByClientId.TryGetValue(clientId, out var eventId) ? Trades[eventId] : null;

    public IEnumerable<ExecutionTrade> OpenTrades => Trades.Values.Where(t => !t.IsClosed);

    /// <summary>Would this fill change anything? (false for a duplicate trade id, or an order we do not know).</summary>
    public bool Accepts(FillRecorded fill) => TradeOf(fill.ClientOrderId) is { } t
        && (fill.ClientOrderId == t.Entry.ClientOrderId ? t.Entry : t.Exit ?? NewExit(t, fill.ClientOrderId))
            .Apply(ToFill(fill)).Changed;

    public ExecutionState Apply(IExecutionEvent e) => e switch
    {
        EntrySent s => OnEntry(s),
        OrderAnswered a => Update(a.ClientOrderId, t => OnAnswer(t, a)),
        FillRecorded f => Update(f.ClientOrderId, t => OnFill(t, f)),
        BracketSent b => Own(b.ClientAlgoId, b.EventId, OrderLeg(b.Leg), isAlgo: true)
            .Update(b.ClientAlgoId, t => b.Leg == "sl"
                ? t with { StopLoss = new BracketLeg(b.Leg, b.ClientAlgoId, b.TriggerPrice, b.Quantity, "SENT") }
                : t with { TakeProfit = new BracketLeg(b.Leg, b.ClientAlgoId, b.TriggerPrice, b.Quantity, "SENT") }),
        BracketAnswered b => Update(b.ClientAlgoId, t => t.StopLoss?.ClientAlgoId == b.ClientAlgoId
            ? t with { StopLoss = t.StopLoss with { Status = b.Status } }
            : t with { TakeProfit = t.TakeProfit! with { Status = b.Status } }),
        FlattenSent f => OnFlatten(f),
        TradeClosed c => Update(c.EventId, t => t with { CloseReason = c.Reason }, byEventId: true),
        _ => throw new ArgumentException($"unknown execution event {e.GetType().Name}", nameof(e)),
    };

    private ExecutionState OnEntry(EntrySent s)
    {
        if (Trades.ContainsKey(s.EventId))
        {
            return this;
        }

        var direction = s.Side > 0 ? TradeDirection.Long : TradeDirection.Short;
        var entry = OrderLifecycle.Create(s.ClientOrderId, s.Symbol, direction.EntrySide(), s.Quantity).Apply(new OrderSent(s.AtMs)).Order;
        var trade = new ExecutionTrade(s.EventId, s.Symbol, s.SignalTimeMs, direction, s.StopPrice, s.TakeProfitPrice, entry, null, null, null, null);
        return (this with { Trades = Trades.SetItem(s.EventId, trade) }).Own(s.ClientOrderId, s.EventId, Domain.Execution.OrderLeg.Entry, isAlgo: false);
    }

    private ExecutionState OnFlatten(FlattenSent f)
    {
        var owned = this with { Owned = Owned.SetItem(f.ClientOrderId, new OwnedOrder(f.ClientOrderId, f.Symbol, Domain.Execution.OrderLeg.Flatten, false)) };
        return f.EventId is null || !Trades.ContainsKey(f.EventId) ? owned : owned.Own(f.ClientOrderId, f.EventId, Domain.Execution.OrderLeg.Flatten, isAlgo: false);
    }

    private static ExecutionTrade OnAnswer(ExecutionTrade t, OrderAnswered a)
    {
        if (a.ClientOrderId != t.Entry.ClientOrderId)
        {
            return t;
        }

        OrderEvent? ev = a.Outcome switch
        {
            "acked" => new OrderAcked(a.VenueOrderId ?? 0, a.AtMs),
            "rejected" => new OrderRejected(a.Detail ?? "rejected", a.AtMs),
            "in-doubt" => new OrderSendOutcomeUnknown(a.Detail ?? "unknown", a.AtMs),
            "not-found" => new OrderUnknownAtVenue(a.AtMs),
            "canceled" => new OrderCanceled(a.AtMs),
            "expired" => new OrderExpired(a.AtMs),
            _ => null,
        };
        return ev is null ? t : t with { Entry = t.Entry.Apply(ev).Order };
    }

    private static ExecutionTrade OnFill(ExecutionTrade t, FillRecorded f)
    {
        if (f.ClientOrderId == t.Entry.ClientOrderId)
        {
            return t with { Entry = t.Entry.Apply(ToFill(f)).Order };
        }

        var exit = t.Exit ?? NewExit(t, f.ClientOrderId);
        return t with { Exit = exit.Apply(ToFill(f)).Order };
    }

    /// <summary>The fills that close a trade, whichever order they come from (SL, TP, flatten); trade ids keep them unique.</summary>
    private static OrderLifecycle NewExit(ExecutionTrade t, string clientId) =>
        OrderLifecycle.Create(clientId, t.Symbol, t.Direction.ExitSide(), t.Entry.FilledQuantity)
            .Apply(new OrderSent(0)).Order
            .Apply(new OrderAcked(0, 0)).Order;

    private static OrderFilled ToFill(FillRecorded f) => new(f.TradeId, f.Quantity, f.Price, f.Fee, f.AtMs);

    private static OrderLeg OrderLeg(string leg) => leg == "sl" ? Domain.Execution.OrderLeg.StopLoss : Domain.Execution.OrderLeg.TakeProfit;

    private ExecutionState Own(string clientId, string eventId, OrderLeg leg, bool isAlgo) =>
        !Trades.TryGetValue(eventId, out var t)
            ? this
            : this with
            {
                TradeByClientId = TradeByClientId.SetItem(clientId, eventId),
                Owned = Owned.SetItem(clientId, new OwnedOrder(clientId, t.Symbol, leg, isAlgo)),
            };

    private ExecutionState Update(string key, Func<ExecutionTrade, ExecutionTrade> change, bool byEventId = false)
    {
        var eventId = byEventId ? key : TradeByClientId.GetValueOrDefault(key);
        return eventId is not null && Trades.TryGetValue(eventId, out var t)
            ? this with { Trades = Trades.SetItem(eventId, change(t)) }
            : this;
    }
}
