using ActorBot.Domain.Execution;
using ActorBot.Domain.Sizing;
using ActorBot.Engine.Trading;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>The entry path: journal → MARKET entry → (in doubt: look up, never re-send) → fills → brackets or flatten.</summary>
public sealed partial class ExecutionActor
{
    private void OnPlaceEntry(PlaceEntry m)
    {
        if (_state.Trades.ContainsKey(m.EventId))
        {
            // A re-sent intent (restart upstream, hand-off): the journal already has it, the venue has it once.
            Count("intent duplicate");
            _replyTo[m.EventId] = m.ReplyTo;
            return;
        }

        if (_entryFence?.Invoke() is { } fenced)
        {
            // Cluster: checked again here, at the last step before the venue, because an entry approved before this
            // node froze can still be waiting in this mailbox when it resumes — downed, its symbols owned elsewhere.
            Count("intent fenced");
            _log.Warning("execution {0}: entry {1} refused: {2}", _settings.Venue, m.EventId, fenced);
            m.ReplyTo.Tell(new EntryFailed(m.Symbol, m.EventId, "cluster_fence"));
            return;
        }

        if (m.Side is not (1 or -1) || m.Quantity <= 0)
        {
            Count("intent invalid");
            m.ReplyTo.Tell(new EntryFailed(m.Symbol, m.EventId, "invalid_intent"));
            return;
        }

        var id = ClientOrderId.Create(_settings.Strategy, m.Symbol, m.SignalTimeMs, OrderLeg.Entry);
        _replyTo[m.EventId] = m.ReplyTo;
        var sent = new EntrySent(m.EventId, m.Symbol, m.SignalTimeMs, m.Side, m.Quantity, m.StopPrice, m.TakeProfitPrice, id, NowMs);
        PersistThen([sent], () => SendEntry(m.EventId));
    }

    private void SendEntry(string eventId)
    {
        var t = _state.Trades[eventId];
        var order = new NewOrder(t.Symbol, t.Entry.Side.ToVenueString(), "MARKET", t.Entry.ClientOrderId, t.Entry.Quantity);
        _rest.PlaceOrderAsync(order).PipeTo(Self,
            success: r => new EntryAnswer(eventId, r),
            failure: _ => new EntryAnswer(eventId, RestResult<OrderResponse>.Fail(RestFailureKind.InDoubt)));
    }

    private void OnEntryAnswer(EntryAnswer a)
    {
        Count(ExecutionVenueCalls.OrderRoute, a.Result);
        var t = _state.Trades[a.EventId];
        if (a.Result.IsSuccess)
        {
            PersistThen(FromOrder(t, a.Result.Value!), () => AfterEntryChanged(a.EventId));
        }
        else if (a.Result.Failure == RestFailureKind.InDoubt)
        {
            _log.Warning("entry {0} ({1}) in doubt: looking it up by client order id every {2}", a.EventId, t.Entry.ClientOrderId, _settings.LookupInterval);
            PersistThen([new OrderAnswered(t.Entry.ClientOrderId, "in-doubt", null, a.Result.ToString(), NowMs)],
                () => Timers.StartSingleTimer($"lookup-{a.EventId}", new LookupDue(a.EventId), _settings.LookupInterval));
        }
        else
        {
            // A definite refusal (filter error, rate limit or ban before sending): nothing is open.
            var reason = a.Result.Error is { } e ? $"rejected {e.Code}" : $"{a.Result.Failure}".ToLowerInvariant();
            PersistThen([new OrderAnswered(t.Entry.ClientOrderId, "rejected", null, reason, NowMs)], () => AfterEntryChanged(a.EventId));
        }
    }

    private void OnLookupDue(LookupDue m)
    {
        var t = _state.Trades[m.EventId];
        _rest.QueryOrderAsync(t.Symbol, t.Entry.ClientOrderId).PipeTo(Self,
            success: r => new LookupAnswer(m.EventId, r),
            failure: _ => new LookupAnswer(m.EventId, RestResult<OrderResponse>.Fail(RestFailureKind.Transport)));
    }

    private void OnLookupAnswer(LookupAnswer a)
    {
        Count(ExecutionVenueCalls.QueryRoute, a.Result);
        var t = _state.Trades[a.EventId];
        if (a.Result.IsSuccess)
        {
            PersistThen(FromOrder(t, a.Result.Value!), () => AfterEntryChanged(a.EventId));
        }
        else if (a.Result.Error?.Code == BinanceError.NoSuchOrder)
        {
            // The venue never saw it. Not re-sent here: the intent's owner decides whether the signal is still good.
            PersistThen([new OrderAnswered(t.Entry.ClientOrderId, "not-found", null, null, NowMs)], () => AfterEntryChanged(a.EventId));
        }
        else
        {
            Timers.StartSingleTimer($"lookup-{a.EventId}", new LookupDue(a.EventId), _settings.LookupInterval);
        }
    }

    /// <summary>
    /// Events from a REST view of the entry. REST carries no trade ids, so it only fills in what the stream has not
    /// reported yet, as one fill with a negative (never a venue) trade id; stream fills beyond the order's quantity are
    /// then refused by <see cref="OrderLifecycle"/>, so nothing is counted twice.
    /// </summary>
    private List<IExecutionEvent> FromOrder(ExecutionTrade t, OrderResponse o)
    {
        var events = new List<IExecutionEvent>();
        if (t.Entry.State is OrderState.Sent or OrderState.InDoubt)
        {
            events.Add(new OrderAnswered(t.Entry.ClientOrderId, "acked", o.OrderId, null, NowMs));
        }

        var missing = o.ExecutedQuantity - t.Entry.FilledQuantity;
        if (missing > 0)
        {
            var price = ((o.AveragePrice * o.ExecutedQuantity) - (t.Entry.AveragePrice * t.Entry.FilledQuantity)) / missing;
            events.Add(new FillRecorded(t.Entry.ClientOrderId, -((o.OrderId * 1000) + t.Entry.TradeIds.Count + 1), missing, price, 0m, NowMs));
        }

        var outcome = o.Status switch
        {
            "EXPIRED" or "EXPIRED_IN_MATCH" => "expired",
            "CANCELED" => "canceled",
            "REJECTED" => "rejected",
            _ => null,
        };
        if (outcome is not null)
        {
            events.Add(new OrderAnswered(t.Entry.ClientOrderId, outcome, o.OrderId, o.Status, NowMs));
        }

        return events;
    }

    private void AfterEntryChanged(string eventId)
    {
        var t = _state.Trades[eventId];
        if (t.IsClosed)
        {
            return;
        }

        // The REST answer and the stream both report the fill; the first one places the brackets.
        if (t.EntryDone && t.StopLoss is null && _entriesReported.Add(eventId))
        {
            Reply(eventId, new EntryFilled(t.Symbol, eventId, t.Entry.AveragePrice, t.Entry.FilledQuantity));
            PlaceBrackets(t);
        }
        else if (t.Entry.State.IsTerminal() && t.Entry.FilledQuantity == 0)
        {
            var reason = t.Entry.State switch
            {
                OrderState.Rejected => t.Entry.RejectReason ?? "rejected",
                OrderState.NotFound => "not_found_at_venue",
                _ => t.Entry.State.ToString().ToLowerInvariant(),
            };
            PersistThen([new TradeClosed(eventId, "entry_failed", 0m, 0m, 0m, NowMs)], () => Reply(eventId, new EntryFailed(t.Symbol, eventId, reason)));
        }
    }

    private void PlaceBrackets(ExecutionTrade t)
    {
        var sign = t.Direction.Sign();
        var stopDistance = sign * (t.Entry.AveragePrice - t.StopPrice);
        var takeDistance = sign * (t.TakeProfitPrice - t.Entry.AveragePrice);
        if (stopDistance <= 0 || takeDistance <= 0)
        {
            // The fill slipped past a target: a stop there would trigger at once (−2021). Never left open unprotected.
            _log.Error("ALERT execution {0}: {1} filled at {2} beyond its targets SL {3} / TP {4}; flattening", _settings.Venue, t.EventId, t.Entry.AveragePrice, t.StopPrice, t.TakeProfitPrice);
            Count("bracket invalid");
            FlattenTrade(t.EventId, "flatten_bracket_failed", 0);
            return;
        }

        var filters = _filters.GetValueOrDefault(t.Symbol) ?? new SymbolFilters(t.Symbol, 0m, 0m, 0m, 0m, 0m, 0m);
        var plan = BracketPlan.Plan(
            new EntryFill(t.Symbol, t.Direction, t.Entry.AveragePrice, t.Entry.FilledQuantity, _settings.Strategy, t.SignalTimeMs),
            new BracketGeometry(stopDistance, takeDistance, _settings.WorkingType),
            filters);
        var now = NowMs;
        IExecutionEvent[] sent =
        [
            new BracketSent(t.EventId, "sl", plan.StopLoss.ClientAlgoId, plan.StopLoss.TriggerPrice, t.Entry.FilledQuantity, now),
            new BracketSent(t.EventId, "tp", plan.TakeProfit.ClientAlgoId, plan.TakeProfit.TriggerPrice, t.Entry.FilledQuantity, now),
        ];
        PersistThen(sent, () => Write($"bracket of {t.EventId}", () =>
        {
            var sl = _rest.PlaceAlgoOrderAsync(ExecutionVenueCalls.ToAlgo(plan.StopLoss));
            var tp = _rest.PlaceAlgoOrderAsync(ExecutionVenueCalls.ToAlgo(plan.TakeProfit));
            Task.WhenAll(sl, tp).PipeTo(Self,
                success: _ => new BracketAnswers(t.EventId, sl.Result, tp.Result),
                failure: _ => new BracketAnswers(t.EventId, Settle(sl), Settle(tp)));
        }));
    }

    private static RestResult<AlgoOrderResponse> Settle(Task<RestResult<AlgoOrderResponse>> task) =>
        task.IsCompletedSuccessfully ? task.Result : RestResult<AlgoOrderResponse>.Fail(RestFailureKind.InDoubt);

    private void OnBracketAnswers(BracketAnswers a)
    {
        Count(ExecutionVenueCalls.AlgoRoute, a.StopLoss);
        Count(ExecutionVenueCalls.AlgoRoute, a.TakeProfit);
        var t = _state.Trades[a.EventId];
        var now = NowMs;
        static string StatusOf(RestResult<AlgoOrderResponse> r) =>
            r.IsSuccess ? r.Value!.AlgoStatus : r.Failure == RestFailureKind.InDoubt ? "IN_DOUBT" : "REJECTED";

        var events = new List<IExecutionEvent>();
        // A stream update may have moved a leg on already (NEW → TRIGGERED): only a first answer is recorded.
        if (t.StopLoss!.Status == "SENT")
        {
            events.Add(new BracketAnswered(t.StopLoss.ClientAlgoId, StatusOf(a.StopLoss), a.StopLoss.IsSuccess ? null : a.StopLoss.ToString(), now));
        }

        if (t.TakeProfit!.Status == "SENT")
        {
            events.Add(new BracketAnswered(t.TakeProfit.ClientAlgoId, StatusOf(a.TakeProfit), a.TakeProfit.IsSuccess ? null : a.TakeProfit.ToString(), now));
        }

        PersistThen(events, () =>
        {
            if (_state.Trades[a.EventId].IsClosed)
            {
                // Fix (scenario 2): the answers of a bracket sent by an incarnation that crashed mid-bracket arrive
                // after restart-flatten read the venue and closed the trade: a leg the venue took late sits on a flat
                // book, which nothing else would ever remove. Cancel it (counted as the sibling cancel is).
                Count("bracket late on closed trade");
                foreach (var (leg, result) in new[] { (t.StopLoss, a.StopLoss), (t.TakeProfit, a.TakeProfit) }.Where(x => x.Item2.IsSuccess))
                {
                    var id = leg.ClientAlgoId;
                    _rest.CancelAlgoOrderAsync(id).PipeTo(Self,
                        success: r => new SiblingCanceled(a.EventId, new CallOutcome(ExecutionVenueCalls.CancelAlgoRoute, ExecutionVenueCalls.StatusOf(r), id)),
                        failure: _ => new SiblingCanceled(a.EventId, new CallOutcome(ExecutionVenueCalls.CancelAlgoRoute, "exception", id)));
                }

                return;
            }

            if (a.StopLoss.IsSuccess && a.TakeProfit.IsSuccess)
            {
                if (_bracketsReported.Add(a.EventId))
                {
                    Reply(a.EventId, new BracketsPlaced(t.Symbol, a.EventId, t.StopLoss.TriggerPrice, t.TakeProfit.TriggerPrice));
                }

                return;
            }

            _log.Error("ALERT execution {0}: bracket of {1} refused (SL {2}, TP {3}); flattening {4} {5} at once",
                _settings.Venue, a.EventId, a.StopLoss, a.TakeProfit, t.OpenQuantity, t.Symbol);
            FlattenTrade(a.EventId, "flatten_bracket_failed", 0);
        });
    }

    /// <summary>Closes a trade's position reduce-only, then cancels whatever bracket may be working.</summary>
    private void FlattenTrade(string eventId, string reason, int attempt)
    {
        var t = _state.Trades[eventId];
        if (t.IsClosed || t.OpenQuantity <= 0)
        {
            return;
        }

        _closing[eventId] = reason;
        var id = ClientOrderId.Create(_settings.Strategy, t.Symbol, t.SignalTimeMs, OrderLeg.Flatten, Math.Min(attempt, 35));
        var side = t.Direction.ExitSide();
        var qty = t.OpenQuantity;
        var legs = new[] { t.StopLoss, t.TakeProfit }.Where(l => l is { MayBeOpen: true }).Select(l => l!.ClientAlgoId).ToList();
        PersistThen([new FlattenSent(eventId, t.Symbol, id, side.ToVenueString(), qty, reason, NowMs)], () => Write($"flatten of {eventId}", () =>
            FlattenAsync(ExecutionVenueCalls.Flatten(t.Symbol, side, qty, id), legs).PipeTo(Self,
                success: r => new FlattenAnswer(eventId, reason, attempt, r.Close, r.Cancels),
                failure: _ => new FlattenAnswer(eventId, reason, attempt, RestResult<OrderResponse>.Fail(RestFailureKind.InDoubt), []))));
    }

    private async Task<(RestResult<OrderResponse> Close, IReadOnlyList<CallOutcome> Cancels)> FlattenAsync(NewOrder close, IReadOnlyList<string> brackets)
    {
        var closed = await _rest.PlaceOrderAsync(close).ConfigureAwait(false);
        var cancels = await Task.WhenAll(brackets.Select(async id =>
            new CallOutcome(ExecutionVenueCalls.CancelAlgoRoute, ExecutionVenueCalls.StatusOf(await _rest.CancelAlgoOrderAsync(id).ConfigureAwait(false)), id))).ConfigureAwait(false);
        return (closed, cancels);
    }

    private void OnFlattenAnswer(FlattenAnswer a)
    {
        Count(ExecutionVenueCalls.OrderRoute, a.Result);
        foreach (var c in a.Cancels)
        {
            CountRequest(c.Route, c.Status);
        }

        var t = _state.Trades[a.EventId];
        var events = new List<IExecutionEvent>();
        events.AddRange(a.Cancels.Where(c => c.Status == "ok").Select(c => new BracketAnswered(c.ClientId!, "CANCELED", a.Reason, NowMs)));
        if (a.Result.IsSuccess && a.Result.Value!.ExecutedQuantity > 0 && !t.IsClosed)
        {
            var o = a.Result.Value;
            var missing = Math.Min(o.ExecutedQuantity, t.OpenQuantity);
            if (missing > 0)
            {
                events.Add(new FillRecorded(o.ClientOrderId, -((o.OrderId * 1000) + 1), missing, o.AveragePrice, 0m, NowMs));
            }
        }

        PersistThen(events, () =>
        {
            var now = _state.Trades[a.EventId];
            if (now.IsClosed)
            {
                return;
            }

            if (now.OpenQuantity <= 0)
            {
                CloseTrade(a.EventId, a.Reason);
                return;
            }

            _log.Error("ALERT execution {0}: flatten of {1} ({2}) did not close it: {3}; retrying", _settings.Venue, a.EventId, now.Symbol, a.Result);
            Timers.StartSingleTimer($"flatten-{a.EventId}", new FlattenRetry(a.EventId, a.Reason, a.Attempt + 1), _settings.LookupInterval);
        });
    }

    private void CloseTrade(string eventId, string reason)
    {
        var t = _state.Trades[eventId];
        if (t.IsClosed)
        {
            return;
        }

        _closing.Remove(eventId);
        var exitPrice = t.Exit?.AveragePrice ?? 0m;
        var qty = t.Exit?.FilledQuantity ?? 0m;
        var pnl = t.RealizedPnl;
        PersistThen([new TradeClosed(eventId, reason, exitPrice, qty, pnl, NowMs)], () =>
        {
            Count($"closed {reason}");
            _log.Info("execution {0}: {1} closed ({2}) at {3}, qty {4}, PnL {5}", _settings.Venue, $"{eventId} {t.Symbol}", reason, exitPrice, qty, pnl);
            Reply(eventId, new PositionClosed(t.Symbol, eventId, exitPrice, qty, pnl, reason));
        });
    }
}
