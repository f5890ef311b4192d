using System.Diagnostics;
using ActorBot.Domain.Execution;
using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// Restart-flatten (DESIGN.md) on every start and restart: after recovery, read the venue, plan with
/// <see cref="RestartFlattenPlanner"/>, journal the orders the plan creates, run it, report — then accept intents.
/// Also the kill switch's cancel-all, served in both phases.
/// </summary>
public sealed partial class ExecutionActor
{
    private void BeginRestart()
    {
        _phase = ExecutionPhase.Restarting;
        Become(Restarting);
        LoadView();
    }

    private void LoadView() =>
        ExecutionVenueCalls.LoadViewAsync(_rest).PipeTo(Self,
            success: r => new VenueViewLoaded(r.View, r.Error),
            failure: ex => new VenueViewLoaded(null, ex.GetType().Name));

    private void OnViewLoaded(VenueViewLoaded m)
    {
        if (m.View is not { } view)
        {
            Count("restart read failed");
            _log.Warning("execution {0}: restart-flatten cannot read the venue ({1}); intents stay queued, retrying in {2}", _settings.Venue, m.Error, _settings.RestartInterval);
            Timers.StartSingleTimer("restart", RestartRetry.Instance, _settings.RestartInterval);
            return;
        }

        _filters = view.Filters;
        var targets = _state.OpenTrades
            .Where(t => t.StopLoss is not null && t.TakeProfit is not null)
            .GroupBy(t => t.Symbol, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(t => t.SignalTimeMs).First())
            .Select(t => new BracketTargets(t.Symbol, t.StopLoss!.TriggerPrice, t.TakeProfit!.TriggerPrice, t.SignalTimeMs))
            .ToList();
        var snapshot = new RestartSnapshot(
            _state.Owned.Values.ToList(),
            view.OpenOrders.Select(o => new VenueOpenOrder(o.Symbol, o.ClientOrderId, o.OrderId)).ToList(),
            view.OpenAlgoOrders.Select(a => new VenueAlgoOrder(a.Symbol, a.ClientAlgoId, a.AlgoId)).ToList(),
            view.Positions.Where(p => p.PositionAmount != 0).Select(p => new VenuePosition(p.Symbol, p.PositionAmount, p.EntryPrice)).ToList(),
            targets);
        var now = NowMs;
        var report = RestartFlattenPlanner.Plan(snapshot, _settings.RestartPolicy, _settings.Strategy, now);

        // Orders the plan creates are journaled before they leave, like every other order.
        var intents = new List<IExecutionEvent>();
        foreach (var action in report.Actions)
        {
            var owner = _state.OpenTrades.Where(t => t.Symbol == action.Symbol).OrderByDescending(t => t.SignalTimeMs).FirstOrDefault();
            switch (action)
            {
                case FlattenAction f:
                    intents.Add(new FlattenSent(owner?.EventId, f.Symbol, f.ClientOrderId, f.Side.ToVenueString(), f.Quantity, "restart_flatten", now));
                    break;
                case PlaceBracketAction b when owner is not null:
                    var leg = b.Order.Leg == OrderLeg.StopLoss ? "sl" : "tp";
                    intents.Add(new BracketSent(owner.EventId, leg, b.Order.ClientAlgoId, b.Order.TriggerPrice, b.Order.Quantity ?? 0m, now));
                    break;
            }
        }

        PersistThen(intents, () => Write("restart-flatten", () =>
            ExecutionVenueCalls.ExecuteAsync(_rest, report.Actions).PipeTo(Self,
                success: outcomes => new RestartExecuted(report, outcomes),
                failure: ex => new RestartExecuted(report, [new CallOutcome("restart", ex.GetType().Name)]))));
    }

    private void OnRestartExecuted(RestartExecuted m)
    {
        foreach (var o in m.Outcomes)
        {
            CountRequest(o.Route, o.Status);
        }

        var failed = m.Outcomes.Where(o => o.Status != "ok" && !o.Status.EndsWith(" -2011", StringComparison.Ordinal)).ToList();
        var adopted = m.Report.PositionsAdopted.ToHashSet(StringComparer.Ordinal);
        var now = NowMs;
        var events = new List<IExecutionEvent>();
        foreach (var t in _state.OpenTrades.Where(t => !adopted.Contains(t.Symbol)))
        {
            // Flattened (or never filled): no trade survives a restart unless its position was adopted under brackets.
            var close = m.Outcomes.FirstOrDefault(o => o.Order is { } order && order.Symbol == t.Symbol && order.ExecutedQuantity > 0)?.Order;
            var qty = Math.Min(close?.ExecutedQuantity ?? 0m, t.OpenQuantity);
            var pnl = close is null ? 0m : t.Direction.Sign() * (close.AveragePrice - t.Entry.AveragePrice) * qty;
            events.Add(new TradeClosed(t.EventId, "restart_flatten", close?.AveragePrice ?? 0m, qty, pnl, now));
        }

        foreach (var b in m.Report.Actions.OfType<PlaceBracketAction>())
        {
            var ok = m.Outcomes.Any(o => o.ClientId == b.Order.ClientAlgoId && o.Status == "ok");
            events.Add(new BracketAnswered(b.Order.ClientAlgoId, ok ? "NEW" : "REJECTED", "restart adopt", now));
        }

        PersistThen(events, () =>
        {
            _lastRestart = m.Report;
            if (failed.Count > 0)
            {
                _log.Error("ALERT execution {0}: {1}; {2} restart actions failed ({3}) — running restart-flatten again",
                    _settings.Venue, m.Report.Summary(), failed.Count, string.Join(", ", failed.Select(f => $"{f.Route} {f.ClientId} {f.Status}")));
                Timers.StartSingleTimer("restart", RestartRetry.Instance, _settings.RestartInterval);
                return;
            }

            _log.Info("execution {0}: {1}", _settings.Venue, m.Report.Summary());
            _phase = ExecutionPhase.Ready;
            _queued = 0;
            Become(Ready);
            Stash.UnstashAll();
        });
    }

    private void OnCancelAll(CancelAll m)
    {
        var symbols = _settings.Symbols.Concat(_state.Trades.Values.Select(t => t.Symbol)).ToHashSet(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        ExecutionVenueCalls.CancelAllAsync(_rest, symbols, m.Flatten, _settings.Strategy, NowMs).PipeTo(Self,
            success: r => new CancelAllFinished(m, r.Orders, r.Algos, r.Flattens, r.Calls, clock.Elapsed),
            failure: ex => new CancelAllFinished(m, 0, 0, [], [new CallOutcome("cancel-all", ex.GetType().Name)], clock.Elapsed));
    }

    private void OnCancelAllFinished(CancelAllFinished m)
    {
        foreach (var o in m.Calls.Concat(m.Flattens))
        {
            CountRequest(o.Route, o.Status);
        }

        var flattened = m.Flattens.Where(f => f.Order is { ExecutedQuantity: > 0 }).ToList();
        _log.Warning("execution {0}: cancel-all took {1} ms: {2} orders, {3} algo orders canceled, {4} positions flattened",
            _settings.Venue, m.Took.TotalMilliseconds, m.Orders, m.Algos, flattened.Count);
        var now = NowMs;
        var closes = new List<(IExecutionEvent Event, PositionClosed Reply)>();
        foreach (var f in flattened)
        {
            foreach (var t in _state.OpenTrades.Where(t => t.Symbol == f.Order!.Symbol && t.OpenQuantity > 0))
            {
                var pnl = t.Direction.Sign() * (f.Order!.AveragePrice - t.Entry.AveragePrice) * t.OpenQuantity;
                closes.Add((new TradeClosed(t.EventId, "kill_switch", f.Order.AveragePrice, t.OpenQuantity, pnl, now),
                    new PositionClosed(t.Symbol, t.EventId, f.Order.AveragePrice, t.OpenQuantity, pnl, "kill_switch")));
            }
        }

        PersistThen(closes.Select(c => c.Event).ToList(), () =>
        {
            foreach (var (e, reply) in closes)
            {
                Reply(((TradeClosed)e).EventId, reply);
            }

            m.Request.ReplyTo.Tell(new CancelAllDone(_settings.Venue, m.Orders, m.Algos, flattened.Count, m.Took));
        });
    }
}
