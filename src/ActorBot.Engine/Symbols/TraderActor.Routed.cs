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
/// Routed trades are not in the paper <c>SnapTradeBook</c>: the venue's brackets close them, so the barrier path
/// (breakeven lock, horizon) is not applied to them — execution has no "close this position" command yet.
/// Limitation: an intent waiting for risk or the venue is held in memory only; if the trader restarts meanwhile,
/// a later fill is logged as an error and not journaled here (risk still holds the slot, the venue the brackets).
/// </summary>
public sealed partial class TraderActor
{
    private readonly ExecutionRoute? _route;
    private readonly Dictionary<string, SignalRecord> _pending = new(StringComparer.Ordinal);

    /// <summary>Routed entries that take a position slot: waiting for risk or the fill, or open on the venue.</summary>
    private int RoutedCount => _route is null ? 0 : _pending.Count + _openById.Count;

    private void RoutedCommands()
    {
        Command<TradeRejected>(m => Skip(m.EventId, EntryAction.SkippedRiskRejected, m.Reason));
        Command<EntryFailed>(m => Skip(m.EventId, EntryAction.SkippedEntryFailed, m.Reason));
        Command<EntryFilled>(OnEntryFilled);
        Command<BracketsPlaced>(m => Context.GetLogger().Info("trader {0}: brackets of {1} working: stop {2}, take-profit {3}", _symbol, m.EventId, m.StopTrigger, m.TakeProfitTrigger));
        Command<PositionClosed>(OnPositionClosed);
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
            _settings.Sink.Tell(new RoutedTradeRecord(_symbol, ev.EventId, opened.Side, opened.EntryFill, exit, m.Quantity, m.RealizedPnl, r, m.Reason, opened.DecisionTimeMs));
            SnapshotIfDue();
        });
    }
}
