using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// The trader's side of the money path (testnet, live; <see cref="SymbolPipelineSettings.Route"/> set). An entry
/// decision becomes a <see cref="TradeIntent"/> to /risk — stop and take-profit from the barrier geometry at the
/// reference price (the event close) — instead of a paper open. The trade is journaled as opened only on
/// <see cref="EntryFilled"/>, at the actual fill price, and as closed on <see cref="PositionClosed"/>; a
/// <see cref="TradeRejected"/> or <see cref="EntryFailed"/> is recorded as a skipped action with its reason.
/// Routed trades are not in the paper <c>SnapTradeBook</c>: the venue's brackets are their price barriers (SL, TP).
/// The time barrier is the trader's: a <see cref="HorizonWatch"/> counts each open trade's bars by the paper path's
/// rule, and on the bar that reaches the horizon the trader sends <see cref="ClosePosition"/> (reason
/// <c>horizon</c>) to /risk, which passes it to execution (reduce-only close, brackets canceled). Sent once; sent
/// again only if no <see cref="PositionClosed"/> came within <see cref="ExecutionRoute.CloseRetry"/> (execution
/// ignores a close it already runs or has done). The breakeven lock is NOT applied to routed trades: moving an
/// exchange-hosted stop to the entry means cancel + replace of an algo order (a window without a stop, a journal
/// step per move); not in scope — a routed trade's stop stays where the entry's fill put it (docs/venues.md).
/// Limitations: an intent waiting for risk or the venue is held in memory only; if the trader restarts meanwhile,
/// a later fill is logged as an error and not journaled here (risk still holds the slot, the venue the brackets).
/// The horizon count is not journaled either: a recovered routed trade counts its bars again from the next bar.
/// </summary>
public sealed partial class TraderActor : IWithTimers
{
    private const string HorizonReason = "horizon";
    private readonly ExecutionRoute? _route;
    private readonly Dictionary<string, SignalRecord> _pending = new(StringComparer.Ordinal);
    private HorizonWatch? _horizonWatch;

    public ITimerScheduler Timers { get; set; } = null!;

    private HorizonWatch Horizon => _horizonWatch ??= new HorizonWatch(_settings.Geometry);

    /// <summary>Routed entries that take a position slot: waiting for risk or the fill, or open on the venue.</summary>
    private int RoutedCount => _route is null ? 0 : _pending.Count + _openById.Count;

    private void RoutedCommands()
    {
        Command<TradeRejected>(m => Skip(m.EventId, EntryAction.SkippedRiskRejected, m.Reason));
        Command<EntryFailed>(m => Skip(m.EventId, EntryAction.SkippedEntryFailed, m.Reason));
        Command<EntryFilled>(OnEntryFilled);
        Command<BracketsPlaced>(m => Context.GetLogger().Info("trader {0}: brackets of {1} working: stop {2}, take-profit {3}", _symbol, m.EventId, m.StopTrigger, m.TakeProfitTrigger));
        Command<PositionClosed>(OnPositionClosed);
        Command<CloseRetryDue>(OnCloseRetryDue);
    }

    /// <summary>After recovery: the routed trades still open are watched for their horizon again.</summary>
    private void WatchRecoveredRouted()
    {
        foreach (var e in _openById.Values)
        {
            Horizon.Track(e.EventId, e.DecisionTimeMs);
            // A close may have happened while this trader was down (cluster: its entity moved); execution answers it.
            _route?.Risk.Tell(new SyncTrade(_symbol, e.EventId));
        }
    }

    /// <summary>Per bar, before the bar's signal: close the routed trades whose horizon this bar reached.</summary>
    private void CloseRoutedAtHorizon(Bar bar)
    {
        if (_route is null || Horizon.Count == 0)
        {
            return;
        }

        foreach (var eventId in Horizon.OnBar(bar))
        {
            Context.GetLogger().Info("trader {0}: {1} reached its horizon ({2} bars); closing it on the venue", _symbol, eventId, _settings.Geometry.HorizonBars);
            SendClose(_route, eventId);
        }
    }

    private void SendClose(ExecutionRoute route, string eventId)
    {
        route.Risk.Tell(new ClosePosition(_symbol, eventId, HorizonReason));
        Timers.StartSingleTimer(CloseTimerKey(eventId), new CloseRetryDue(eventId), route.CloseRetry);
    }

    private void OnCloseRetryDue(CloseRetryDue m)
    {
        if (_route is null || !_openById.ContainsKey(m.EventId))
        {
            return;
        }

        Context.GetLogger().Warning("trader {0}: no PositionClosed for {1} within {2} of its horizon close; sending it again", _symbol, m.EventId, _route.CloseRetry);
        SendClose(_route, m.EventId);
    }

    private void SendIntent(ExecutionRoute route, SignalRecord record)
    {
        var e = record.Signal.Event;
        var reference = e.Features.Bar.Close;
        var risk = _settings.Geometry.RiskKAtr * e.Features.Atr;
        var stop = reference - (e.Side * _settings.Geometry.StopR * risk);
        var takeProfit = reference + (e.Side * _settings.Geometry.TakeProfitR * risk);
        _pending[record.EventId] = record;
        if (!double.IsFinite(stop) || !double.IsFinite(takeProfit) || !(reference > 0))
        {
            // No priceable bracket (ATR undefined): the same refusal risk would give, without a round trip.
            Skip(record.EventId, EntryAction.SkippedRiskRejected, Domain.Risk.DropReason.InvalidStop);
            return;
        }

        route.Risk.Tell(new TradeIntent(route.Venue, _symbol, record.EventId, e.DecisionTimeMs, e.Side,
            (decimal)reference, (decimal)stop, (decimal)takeProfit, Self));
    }

    private void Skip(string eventId, EntryAction action, string reason)
    {
        if (!_pending.Remove(eventId, out var record))
        {
            Context.GetLogger().Warning("trader {0}: {1} for {2}, which has no pending intent (duplicate?)", _symbol, action, eventId);
            return;
        }

        _actions[action] = _actions.GetValueOrDefault(action) + 1;
        _settings.Sink.Tell(record with { Action = action, Reason = reason });
    }

    private void OnEntryFilled(EntryFilled m)
    {
        if (!_pending.Remove(m.EventId, out var record))
        {
            // Either a duplicate (already open: nothing to do) or an intent this incarnation never sent.
            if (!_openById.ContainsKey(m.EventId))
            {
                Context.GetLogger().Error("trader {0}: fill of {1} at {2} x {3} for no pending intent (trader restarted?); not journaled here", _symbol, m.EventId, m.AveragePrice, m.Quantity);
            }

            return;
        }

        var e = record.Signal.Event;
        Persist(new SnapTradeOpened(m.EventId, e.DecisionTimeMs, e.Side, (double)m.AveragePrice, e.Features.Atr), ev =>
        {
            _openById[ev.EventId] = ev;
            Horizon.Track(ev.EventId, ev.DecisionTimeMs);
            _actions[EntryAction.Opened] = _actions.GetValueOrDefault(EntryAction.Opened) + 1;
            _settings.Sink.Tell(record);
            SnapshotIfDue();
        });
    }

    private void OnPositionClosed(PositionClosed m)
    {
        if (!_openById.TryGetValue(m.EventId, out var opened))
        {
            Context.GetLogger().Warning("trader {0}: close of {1}, which is not open (duplicate?)", _symbol, m.EventId);
            return;
        }

        var exit = (double)m.ExitPrice;
        var r = opened.Side * (exit - opened.EntryFill) / Math.Max(_settings.Geometry.RiskKAtr * opened.Atr, 1e-8);
        Persist(new SnapTradeClosed(m.EventId, _lastBar?.OpenTimeMs ?? 0, r), ev =>
        {
            _openById.Remove(ev.EventId);
            Horizon.Forget(ev.EventId);
            Timers.Cancel(CloseTimerKey(ev.EventId));
            _settings.Sink.Tell(new RoutedTradeRecord(_symbol, ev.EventId, opened.Side, opened.EntryFill, exit, m.Quantity, m.RealizedPnl, r, m.Reason, opened.DecisionTimeMs));
            SnapshotIfDue();
        });
    }

    private static string CloseTimerKey(string eventId) => $"close-{eventId}";

    /// <summary>The retry timer of a horizon close fired.</summary>
    private sealed record CloseRetryDue(string EventId);
}
