using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Paper;
using ActorBot.Engine.Probing;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// <c>/user/bot/{symbol}/trader</c>: the barrier trade engine (<see cref="SnapTradeBook"/>, causal rule: a trade
/// opened at a bar's close sees barriers from the next bar on) with paper fills (<see cref="BarrierFillCosts"/>).
/// Per bar, in this order: feed the bar to the open trades, then act on the bar's signal — route decision,
/// SAFE_PAUSE, one position per symbol — exactly the order of the streaming Domain test.
/// Persistent with a stable id (<c>trader-{symbol}</c>): openings and closings are journaled; recovery
/// re-opens the trades that were open. Limitation: the per-bar path state of an open trade (breakeven lock,
/// MFE/MAE) is not journaled, so a recovered trade restarts its barrier path at the next bar.
/// With an <see cref="ExecutionRoute"/> (testnet, live) entries go through /risk instead and the venue's brackets are
/// the price barriers; the trader keeps only the horizon for them (no breakeven lock): see TraderActor.Routed.cs.
/// </summary>
public sealed partial class TraderActor : ReceivePersistentActor
{
    private readonly string _symbol;
    private readonly SymbolPipelineSettings _settings;
    private readonly SnapTradeBook _book;
    private readonly BarrierFillCosts _fills;
    private readonly Dictionary<string, SnapTradeOpened> _openById = new(StringComparer.Ordinal);
    private readonly Dictionary<EntryAction, long> _actions = new();
    private Bar? _lastBar;
    private bool _paused;

    private readonly int _snapshotEvery;

    public TraderActor(string symbol, SymbolPipelineSettings settings)
        : this(symbol, settings, DefaultSnapshotEvery)
    {
    }

    /// <param name="snapshotEvery">events between snapshots (tests use small numbers to exercise them).</param>
    public TraderActor(string symbol, SymbolPipelineSettings settings, int snapshotEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _snapshotEvery = snapshotEvery;
        _symbol = symbol;
        _settings = settings;
        _book = new SnapTradeBook(settings.Geometry, settings.MaxConcurrentTrades);
        _fills = new BarrierFillCosts(settings.Fills);
        _route = settings.Route;
        PersistenceId = $"trader-{symbol}";

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is TraderSnapshot snapshot)
            {
                _openById.Clear();
                foreach (var e in snapshot.Open)
                {
                    _openById[e.EventId] = e;
                }
            }
        });
        Recover<SnapTradeOpened>(e => _openById[e.EventId] = e);
        Recover<SnapTradeClosed>(e => _openById.Remove(e.EventId));
        Recover<RecoveryCompleted>(_ =>
        {
            // Routed trades live on the venue, not in the paper book: they stay in _openById until PositionClosed.
            if (_route is not null)
            {
                WatchRecoveredRouted();
                return;
            }

            foreach (var e in _openById.Values.OrderBy(e => e.DecisionTimeMs))
            {
                _book.TryOpen(e.EventId, e.DecisionTimeMs, e.Side, e.EntryFill, e.Atr);
            }
        });

        Command<BarAnalysed>(OnBar);
        // A block body: "m => _paused = m.Paused" would pick the Func<T, bool> overload, and false means unhandled.
        Command<SymbolPauseChanged>(m => { _paused = m.Paused; });
        Command<PipelineMark>(m => m.ReplyTo.Tell(new PipelineDrained(_symbol)));
        Command<ProbeState>(_ => ProbeReply.Answer(Context, new { symbol = _symbol, paused = _paused, openTrades = _openById.Count, routed = _route is not null, actions = _actions.ToDictionary(a => a.Key.ToString(), a => a.Value) }));
        Command<FlushPipeline>(OnFlush);
        RoutedCommands();
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => Context.GetLogger().Warning("trader {0}: snapshot failed (recovery replays more events): {1}", _symbol, f.Cause.Message));
    }

    /// <summary>Events between snapshots: recovery reads one snapshot and at most this many events.</summary>
    public const int DefaultSnapshotEvery = 50;

    public override string PersistenceId { get; }

    private void OnBar(BarAnalysed m)
    {
        _lastBar = m.Bar;
        CloseRoutedAtHorizon(m.Bar);
        foreach (var closed in _book.OnBar(m.Bar))
        {
            Close(closed, endOfData: false);
        }

        if (m.Signal is not { } signal || m.Decision is not { } decision || m.EventId is not { } eventId)
        {
            return;
        }

        var action = !decision.Take ? EntryAction.SkippedBelowMinProb
            : _paused ? EntryAction.SkippedSafePause
            : _book.Open.Count + RoutedCount >= _book.MaxConcurrent ? EntryAction.SkippedPositionOpen
            : EntryAction.Opened;
        var record = new SignalRecord(_symbol, eventId, signal, decision, action);
        if (action == EntryAction.Opened && _route is { } route)
        {
            // Counted and recorded when risk and the venue have answered (RoutedCommands).
            SendIntent(route, record);
            return;
        }

        _actions[action] = _actions.GetValueOrDefault(action) + 1;
        if (action != EntryAction.Opened)
        {
            _settings.Sink.Tell(record);
            return;
        }

        var e = signal.Event;
        var opened = new SnapTradeOpened(eventId, e.DecisionTimeMs, e.Side, _fills.EntryFill(e.Side, e.Features.Bar.Close), e.Features.Atr);
        Persist(opened, ev =>
        {
            _openById[ev.EventId] = ev;
            _book.TryOpen(ev.EventId, ev.DecisionTimeMs, ev.Side, ev.EntryFill, ev.Atr);
            _settings.Sink.Tell(record);
            SnapshotIfDue();
        });
    }

    private void OnFlush(FlushPipeline m)
    {
        var closedAtEnd = 0L;
        if (_lastBar is { } last)
        {
            foreach (var open in _book.Open.ToList())
            {
                var outcome = open.Trade.TimeOut(last.OpenTimeMs, last.Close);
                Close(new ClosedSnapTrade(open.EventId, open.DecisionTimeMs, open.Trade.Side, open.Trade.Entry, outcome), endOfData: true);
                closedAtEnd++;
            }
        }

        var counters = new PipelineCounters(_symbol, m.MalformedTrades, m.LateTrades, m.RejectedBars, m.Signals,
            new Dictionary<EntryAction, long>(_actions), closedAtEnd);

        // Deferred behind the journal writes above, so the reply means "everything is persisted and recorded".
        DeferAsync(counters, c =>
        {
            _settings.Sink.Tell(c);
            m.ReplyTo.Tell(c);
        });
    }

    private void Close(ClosedSnapTrade closed, bool endOfData)
    {
        var opened = _openById[closed.EventId];
        var fill = _fills.Close(closed.Side, closed.Entry, closed.Outcome.ExitPrice, _settings.Geometry.RiskKAtr * opened.Atr);
        Persist(new SnapTradeClosed(closed.EventId, closed.Outcome.ExitTimeMs ?? 0, closed.Outcome.RFinal), ev =>
        {
            _openById.Remove(ev.EventId);
            _settings.Sink.Tell(new TradeRecord(_symbol, closed, endOfData, fill));
            SnapshotIfDue();
        });
    }

    // The open trades are the whole recoverable state, so a snapshot keeps recovery short however long the journal.
    private void SnapshotIfDue()
    {
        if (LastSequenceNr % _snapshotEvery == 0)
        {
            SaveSnapshot(new TraderSnapshot(_openById.Values.OrderBy(e => e.DecisionTimeMs).ToList()));
        }
    }
}
