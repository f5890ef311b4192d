using System.Globalization;
using ActorBot.Venues.Binance.UserData;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// The user-data stream's ORDER_TRADE_UPDATE and ALGO_UPDATE: fills (de-duplicated by trade id), bracket triggers,
/// and the close of a trade by its SL or TP, after which the sibling bracket is canceled.
/// </summary>
public sealed partial class ExecutionActor
{
    private void OnOrderTradeUpdate(OrderTradeUpdate u)
    {
        Count("stream ORDER_TRADE_UPDATE");
        // A triggered bracket trades as a MARKET order; match it by client id and by the venue order id ALGO_UPDATE named.
        var clientId = _state.TradeOf(u.ClientOrderId) is not null ? u.ClientOrderId
            : _algoByVenueOrderId.GetValueOrDefault(u.OrderId);
        if (clientId is null || _state.TradeOf(clientId) is not { } t)
        {
            return;
        }

        var isEntry = clientId == t.Entry.ClientOrderId;
        var events = new List<IExecutionEvent>();
        if (isEntry && t.Entry.State is Domain.Execution.OrderState.Sent or Domain.Execution.OrderState.InDoubt)
        {
            events.Add(new OrderAnswered(clientId, "acked", u.OrderId, null, NowMs));
        }

        if (u.ExecutionType == "TRADE" && u.LastFilledQuantity > 0)
        {
            var fill = new FillRecorded(clientId, u.TradeId, u.LastFilledQuantity, u.LastFilledPrice, u.Commission ?? 0m, u.TransactionTimeMs);
            var probe = events.Aggregate(_state, (s, e) => s.Apply(e));
            if (probe.Accepts(fill))
            {
                events.Add(fill);
                Count("fill applied");
            }
            else
            {
                Count("fill duplicate");
            }
        }
        else if (isEntry && u.Status is "EXPIRED" or "CANCELED" or "REJECTED")
        {
            events.Add(new OrderAnswered(clientId, u.Status.ToLowerInvariant(), u.OrderId, u.Status, NowMs));
        }

        PersistThen(events, () =>
        {
            if (isEntry)
            {
                AfterEntryChanged(t.EventId);
            }
            else
            {
                AfterExitChanged(t.EventId, clientId);
            }
        });
    }

    private void OnAlgoUpdate(AlgoUpdate u)
    {
        Count("stream ALGO_UPDATE");
        if (_state.TradeOf(u.ClientAlgoId) is not { } t || t.LegById(u.ClientAlgoId) is not { } leg)
        {
            return;
        }

        if (long.TryParse(u.ExchangeOrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) && orderId > 0)
        {
            _algoByVenueOrderId[orderId] = u.ClientAlgoId;
        }

        var events = leg.Status == u.Status ? [] : new List<IExecutionEvent> { new BracketAnswered(u.ClientAlgoId, u.Status, u.RejectReason, NowMs) };
        PersistThen(events, () =>
        {
            var now = _state.Trades[t.EventId];
            // A leg that died without closing the position (a trigger refused, expired) leaves it unprotected.
            if (u.Status is "REJECTED" or "EXPIRED" && !now.IsClosed && now.OpenQuantity > 0 && !_closing.ContainsKey(t.EventId))
            {
                _log.Error("ALERT execution {0}: bracket {1} of {2} ended {3} ({4}) with the position open; flattening", _settings.Venue, u.ClientAlgoId, t.EventId, u.Status, u.RejectReason);
                FlattenTrade(t.EventId, "flatten_bracket_failed", 0);
            }
        });
    }

    /// <summary>After an exit fill: once the position is closed, cancel the other bracket and report the close.</summary>
    private void AfterExitChanged(string eventId, string clientId)
    {
        var t = _state.Trades[eventId];
        if (t.IsClosed || t.OpenQuantity > 0)
        {
            return;
        }

        var reason = t.StopLoss?.ClientAlgoId == clientId ? "sl"
            : t.TakeProfit?.ClientAlgoId == clientId ? "tp"
            : _closing.GetValueOrDefault(eventId, "flatten");
        var sibling = reason == "sl" ? t.TakeProfit : reason == "tp" ? t.StopLoss : null;
        if (sibling is { MayBeOpen: true })
        {
            var id = sibling.ClientAlgoId;
            _rest.CancelAlgoOrderAsync(id).PipeTo(Self,
                success: r => new SiblingCanceled(eventId, new CallOutcome(ExecutionVenueCalls.CancelAlgoRoute, ExecutionVenueCalls.StatusOf(r), id)),
                failure: _ => new SiblingCanceled(eventId, new CallOutcome(ExecutionVenueCalls.CancelAlgoRoute, "exception", id)));
        }

        CloseTrade(eventId, reason);
    }

    private void OnSiblingCanceled(SiblingCanceled m)
    {
        CountRequest(m.Outcome.Route, m.Outcome.Status);
        if (m.Outcome.Status != "ok")
        {
            // Reduce-only on a flat position cannot open one; still worth a look (restart-flatten will remove it).
            _log.Warning("execution {0}: sibling bracket {1} of {2} not canceled: {3}", _settings.Venue, m.Outcome.ClientId, m.EventId, m.Outcome.Status);
            return;
        }

        PersistThen([new BracketAnswered(m.Outcome.ClientId!, "CANCELED", "sibling closed the position", NowMs)], () => { });
    }
}
