using System.Diagnostics;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Risk;
using ActorBot.Domain.Sizing;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Trading;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Risk;

/// <summary>
/// <c>/user/bot/risk</c>, one per service (PersistenceId <c>risk</c>): a thin shell around <see cref="RiskBook"/>
/// and <see cref="PositionSizer"/>. A <see cref="TradeIntent"/> is checked in three steps so the reason of a drop
/// is deterministic and names the first rule that blocks: (1) the book on an unsized intent — every rule that does
/// not depend on the size (kill switch, SAFE_PAUSE, warm-up, daily cap, loss streak, open-trade caps,
/// near-liquidation), (2) sizing and the exchange filters (never inflated to a minimum), (3) the book again on the
/// sized intent (the notional cap).
/// Approved: the book's events are journaled, then <see cref="PlaceEntry"/> goes to the execution target with this
/// actor as ReplyTo, so every execution reply passes here first (a close is applied to the book — daily cap, loss
/// streak — before the trader hears of it) and is forwarded to the trader. Rejected: <see cref="TradeRejected"/>
/// to the trader and <c>risk_drops_total{reason}</c> + 1. A <see cref="ClosePosition"/> (the trader's horizon) is
/// passed to execution without any check. Recovery folds the same events with the same
/// <see cref="RiskBook.Apply"/> as the commands (STYLE 9).
/// </summary>
public sealed class RiskActor : ReceivePersistentActor
{
    private readonly RiskActorSettings _settings;
    private readonly RiskWiring _wiring;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly Dictionary<string, bool> _warm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _paused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SymbolFilters> _filters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _drops = DropReason.All.ToDictionary(r => r, _ => 0L, StringComparer.Ordinal);
    private readonly Dictionary<string, RoutedEntry> _entries = new(StringComparer.Ordinal);
    private RiskBook _book;
    // Free balance per venue (each account reports its own); a venue that has not reported yet sizes on the default.
    private readonly Dictionary<string, decimal> _freeBalanceByVenue = new(StringComparer.Ordinal);
    private decimal _freeBalanceUsd;
    private bool _clusterPaused;

    public RiskActor(RiskActorSettings settings, ICanTell execution)
        : this(new RiskWiring(settings, execution))
    {
    }

    /// <param name="wiring">the settings and, per symbol, the venue and execution its entries go to.</param>
    public RiskActor(RiskWiring wiring)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        var settings = wiring.Settings;
        _settings = settings;
        _wiring = wiring;
        _freeBalanceUsd = settings.FreeBalanceUsd;
        _book = new RiskBook(settings.Rules);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is RiskSnapshot snapshot)
            {
                _book = new RiskBook(_settings.Rules, RiskJournal.ToState(snapshot));
            }
        });
        Recover<IPersisted>(record =>
        {
            if (RiskJournal.ToDomain(record) is { } riskEvent)
            {
                _book = _book.Apply(riskEvent);
            }
        });

        Command<TradeIntent>(OnIntent);
        Command<EntryFilled>(m =>
        {
            if (_entries.TryGetValue(m.EventId, out var entry))
            {
                _entries[m.EventId] = entry with { FillPrice = m.AveragePrice, Quantity = m.Quantity };
            }

            TraderOf(m.Symbol, m.EventId).Tell(m, Self);
        });
        Command<BracketsPlaced>(m => TraderOf(m.Symbol, m.EventId).Tell(m, Self));
        Command<EntryFailed>(m => Release(m.Symbol, m.EventId, new TradeAbandoned(m.EventId), m));
        Command<PositionClosed>(m => Release(m.Symbol, m.EventId, new TradeClosed(m.EventId, m.RealizedPnl, ROf(m), NowMs), m));
        // No gate: a close only lowers exposure (kill switch, SAFE_PAUSE and caps block entries, never exits). Told
        // with this actor as sender, so execution's PositionClosed comes back here and releases the slot first.
        Command<ClosePosition>(m => _wiring.ExecutionFor(m.Symbol).Tell(m, Self));
        // A recovered trader asks how its open trades are (a PositionClosed it missed comes back through here).
        Command<SyncTrade>(m => _wiring.ExecutionFor(m.Symbol).Tell(m, Self));
        // Block bodies: an assignment of a bool would pick Command's Func<T, bool> overload, and "false" means unhandled.
        Command<SymbolWarmChanged>(m => { _warm[m.Symbol] = m.Warm; });
        Command<EntriesPauseChanged>(m => { _paused[m.Symbol] = m.Paused; });
        Command<Cluster.ClusterPauseChanged>(m =>
        {
            if (m.Paused != _clusterPaused)
            {
                _log.Warning("risk: cluster {0}: {1}", m.Paused ? "paused" : "resumed", m.Reason);
            }

            _clusterPaused = m.Paused;
        });
        Command<SetSymbolFilters>(m => { _filters[m.Filters.Symbol] = m.Filters; });
        Command<SetFreeBalance>(OnFreeBalance);
        Command<SetKillSwitch>(m =>
        {
            if (m.On != _book.State.KillSwitchEngaged)
            {
                PersistEvents([new KillSwitchChanged(m.On, "operator", NowMs)]);
            }
        });
        Command<GetRiskStatus>(_ => Sender.Tell(Status()));
        Command<ProbeState>(_ => ProbeReply.Answer(Context, Status()));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("risk: snapshot failed (recovery replays more events): {0}", f.Cause.Message));
    }

    public override string PersistenceId => "risk";

    protected override void PreStart()
    {
        // Outcomes execution could not address (it restarted since the entry, and restart-flatten closed the trade):
        // they still release the slot this book holds and reach the trader (ExecutionActor.Reply).
        Context.System.EventStream.Subscribe(Self, typeof(PositionClosed));
        Context.System.EventStream.Subscribe(Self, typeof(EntryFailed));
        // Cluster mode only (nobody publishes it on one node): this node lost the majority or was downed.
        Context.System.EventStream.Subscribe(Self, typeof(Cluster.ClusterPauseChanged));
        // Every reason is on /metrics from the start (0), so a rate() over a reason that never fired is 0, not missing.
        foreach (var reason in DropReason.All)
        {
            _metrics.RiskDrops.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }

        base.PreStart();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    private void OnIntent(TradeIntent m)
    {
        if (_entries.ContainsKey(m.EventId) || _book.State.Open.Any(o => o.TradeId == m.EventId))
        {
            // A re-sent intent (trader restart): the first one holds the slot; deciding again would drop it as max_open.
            _log.Info("risk: intent {0} already approved, ignored", m.EventId);
            return;
        }

        if (m.Side == 0)
        {
            Drop(m, DropReason.InvalidStop, "side 0 is neither long nor short");
            return;
        }

        if (_wiring.EntryFence?.Invoke() is { } fenced)
        {
            // Cluster: read at the moment of the decision from the failure detector, not from the last membership
            // event — a node resumed after a freeze must not send an entry before its guard has caught up.
            Drop(m, DropReason.SafePause, fenced);
            return;
        }

        var now = NowMs;
        var direction = m.Side > 0 ? TradeDirection.Long : TradeDirection.Short;
        // Cluster mode: a node that lost the majority takes no entry on any symbol, whatever the symbol says.
        var conditions = new EntryConditions(_warm.GetValueOrDefault(m.Symbol), _clusterPaused || _paused.GetValueOrDefault(m.Symbol, true));
        // Quantity 0 first: a paused or capped book is the reason, not a size that would also have failed.
        var intent = new EntryIntent(m.EventId, m.Symbol, direction, m.ReferencePrice, m.StopPrice, 0m, _settings.Leverage, _settings.MaintenanceMarginRate);
        if (_book.Decide(intent, conditions, now) is Rejected gate)
        {
            Drop(m, gate.Reason, gate.Detail);
            return;
        }

        var filters = _filters.TryGetValue(m.Symbol, out var own) ? own : _settings.FiltersFor(m.Symbol);
        var sizing = PositionSizer.Size(new SizingRequest(direction, m.ReferencePrice, m.StopPrice, _settings.QuoteRiskPerTrade,
            _settings.Rules.MaxNotionalPerSymbolUsd, FreeBalanceFor(m.Symbol), _settings.Leverage, filters));
        if (sizing is SizeRejected refused)
        {
            Drop(m, refused.Reason, refused.Detail);
            return;
        }

        var quantity = ((Sized)sizing).Quantity;
        switch (_book.Decide(intent with { Quantity = quantity }, conditions, now))
        {
            case Rejected rejected:
                Drop(m, rejected.Reason, rejected.Detail);
                return;
            case Approved approved:
                // Brackets go on the tick grid on the loss side of their exact price for the stop (never a tighter
                // stop than sized for) and towards the entry for the take-profit.
                var rounding = direction == TradeDirection.Long ? PriceRounding.Down : PriceRounding.Up;
                var place = new PlaceEntry(m.Symbol, m.EventId, m.SignalTimeMs, m.Side, quantity,
                    filters.RoundPrice(m.StopPrice, rounding), filters.RoundPrice(m.TakeProfitPrice, rounding), Self);
                _entries[m.EventId] = new RoutedEntry(m.ReplyTo, m.Side, place.StopPrice, m.ReferencePrice, quantity);
                PersistEvents(approved.Events);
                // Deferred behind the journal writes: an order never leaves before the slot it takes is durable.
                DeferAsync(place, p => _wiring.ExecutionFor(p.Symbol).Tell(p, Self));
                return;
        }
    }

    /// <summary>
    /// A venue's account reports its free balance. Without a venue map (one venue) any report is the balance; with
    /// one, it sizes only the symbols of the venue it names (a report naming no venue replaces the default).
    /// </summary>
    private void OnFreeBalance(SetFreeBalance m)
    {
        if (m.Venue is { } venue && _wiring.VenueOfSymbol.Count > 0)
        {
            _freeBalanceByVenue[venue] = m.Usd;
        }
        else
        {
            _freeBalanceUsd = m.Usd;
        }
    }

    /// <summary>The free balance that sizes <paramref name="symbol"/>: its venue's, else the default.</summary>
    private decimal FreeBalanceFor(string symbol) =>
        _wiring.VenueOf(symbol) is { } venue && _freeBalanceByVenue.TryGetValue(venue, out var usd) ? usd : _freeBalanceUsd;

    /// <summary>The entry's slot is released (failed entry or closed position): journal it if the book holds it, then tell the trader.</summary>
    private void Release(string symbol, string eventId, RiskEvent release, object reply)
    {
        var trader = TraderOf(symbol, eventId);
        _entries.Remove(eventId);
        if (_book.State.Open.Any(o => o.TradeId == eventId))
        {
            PersistEvents([release]);
        }
        else
        {
            _log.Warning("risk: {0} for {1}, which the book does not hold open (duplicate?)", reply.GetType().Name, eventId);
        }

        DeferAsync(reply, r => trader.Tell(r, Self));
    }

    private void PersistEvents(IReadOnlyList<RiskEvent> events)
    {
        var started = Stopwatch.GetTimestamp();
        PersistAll(events.Select(RiskJournal.ToJournal), record =>
        {
            _metrics.PersistDone(PersistenceId, started);
            _book = _book.Apply(RiskJournal.ToDomain(record)!);
            if (LastSequenceNr % _settings.SnapshotEvery == 0)
            {
                SaveSnapshot(RiskJournal.ToSnapshot(_book.State));
            }
        });
    }

    private void Drop(TradeIntent m, string reason, string detail)
    {
        _drops[reason] = _drops.GetValueOrDefault(reason) + 1;
        _metrics.RiskDrops.Add(1, new KeyValuePair<string, object?>("reason", reason));
        _log.Info("risk: {0} dropped ({1}): {2}", m.EventId, reason, detail);
        m.ReplyTo.Tell(new TradeRejected(m.Symbol, m.EventId, reason, detail));
    }

    // By path, not by reference: a trader stopped and started again (a new incarnation at the same path) still gets
    // the replies to its intents. After a restart of risk the reference is gone (it is not journaled); the trader
    // sits at a fixed path next to this actor (/user/bot/{symbol}/trader).
    // Cluster mode: the trader is wherever its symbol entity runs now, reached through the shard region by symbol
    // (a stored reference would point at a node that may have lost the symbol).
    private ICanTell TraderOf(string symbol, string eventId) =>
        _wiring.TraderOf?.Invoke(symbol)
        ?? (_entries.TryGetValue(eventId, out var entry) ? Context.ActorSelection(entry.Trader.Path) : Context.ActorSelection($"../{symbol}/trader"));

    // R of the close against the risk actually taken (fill to stop); 0 when this incarnation never saw the entry.
    private decimal ROf(PositionClosed m)
    {
        if (!_entries.TryGetValue(m.EventId, out var e))
        {
            return 0m;
        }

        var risk = Math.Abs(e.FillPrice - e.StopPrice) * e.Quantity;
        return risk > 0 ? m.RealizedPnl / risk : 0m;
    }

    private RiskStatus Status()
    {
        var state = _book.State.OnDay(UtcDay.Of(NowMs));
        return new RiskStatus(
            new Dictionary<string, long>(_drops, StringComparer.Ordinal),
            state.Open.GroupBy(o => o.Symbol).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            state.RealisedPnlTodayUsd,
            state.LossStreak,
            state.CooldownUntilMs,
            state.KillSwitchEngaged,
            state.KillSwitchReason);
    }

    /// <summary>What this incarnation knows of an approved entry: who to answer and what R is measured against.</summary>
    private sealed record RoutedEntry(IActorRef Trader, int Side, decimal StopPrice, decimal FillPrice, decimal Quantity);
}
