using System.Diagnostics;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Paper;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Venues.Paper;

/// <summary>
/// The execution of trade mode paper (persistent, <c>paper-execution-{venue}</c>): the same protocol as
/// <see cref="ExecutionActor"/> — <see cref="PlaceEntry"/> in; <see cref="EntryFilled"/>, <see cref="BracketsPlaced"/>,
/// <see cref="EntryFailed"/>, <see cref="PositionClosed"/> out — but the venue is in process: a thin shell around
/// <see cref="PaperVenue"/>. The market actor sends it every <see cref="TradeBatch"/>; the last print per symbol is
/// the quote an entry fills against (bid = ask = last trade: the service streams no book), and brackets trigger on
/// prints strictly later than the fill. Every fill and close is journaled before it is reported, so an open paper
/// trade, its brackets and a requested close survive a restart. No IO: no key, no signed request, ever.
/// </summary>
public sealed class PaperExecutionActor : ReceivePersistentActor
{
    private readonly PaperSettings _settings;
    private readonly PaperFillModel _fills;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly Dictionary<string, (decimal Price, long TimeMs, long TradeId)> _last = new(StringComparer.Ordinal);
    // The print each pending fill was priced at (entry, exit), by event id: the telemetry fill line's trade_id.
    private readonly Dictionary<string, long> _entryPrint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _exitPrint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _replyTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refused = new(StringComparer.Ordinal);
    private readonly SnapshotCadence _snapshots;
    private PaperBook _book = PaperBook.Empty;
    private bool _crashed;

    public PaperExecutionActor(PaperSettings settings)
    {
        _settings = settings;
        _fills = new PaperFillModel(settings.Fills);
        PersistenceId = $"paper-execution-{settings.Venue}";
        _snapshots = new SnapshotCadence(settings.SnapshotEvery);

        // Recovery starts from the newest snapshot (every SnapshotEvery events and at a clean stop) and folds only the
        // events after it with the same PaperBook.Apply (issue 9: recovery must not grow with history).
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is PaperSnapshot snapshot)
            {
                _book = PaperSnapshots.ToBook(snapshot);
                _snapshots.Recovered(offer.Metadata.SequenceNr);
            }
        });
        Recover<IPaperExecutionEvent>(e => _book = _book.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            if (!_book.Open.IsEmpty)
            {
                _log.Info("paper execution {0}: {1} open paper trades recovered; their brackets work on the next prints", settings.Venue, _book.Open.Count);
            }
        });
        Command<TradeBatch>(OnBatch);
        Command<PlaceEntry>(OnPlaceEntry);
        Command<ClosePosition>(OnClosePosition);
        Command<CancelAll>(OnCancelAll);
        Command<GetExecutionStatus>(_ => Sender.Tell(ExecutionStatus()));
        Command<GetPaperExecutionStatus>(_ => Sender.Tell(PaperStatus()));
        Command<ProbeState>(_ => ProbeReply.Answer(Context, PaperStatus()));
        Command<SaveSnapshotSuccess>(ok =>
        {
            Count("snapshot saved");
            // Events stay (the audit trail); of the snapshots the last two are kept.
            if (_snapshots.Succeeded(ok.Metadata.SequenceNr) is { } upTo)
            {
                DeleteSnapshots(new SnapshotSelectionCriteria(upTo));
            }
        });
        Command<SaveSnapshotFailure>(f =>
        {
            Count("snapshot failed");
            _log.Warning("paper execution {0}: snapshot at {1} failed (recovery replays more events, nothing is lost): {2}", settings.Venue, f.Metadata.SequenceNr, f.Cause.Message);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("paper execution {0}: old snapshots not deleted: {1}", settings.Venue, f.Cause.Message));
    }

    private PaperExecutionStatus PaperStatus() => new(_settings.Venue, _settings.Fills.Mode, _book.Fills,
        new Dictionary<string, long>(_refused, StringComparer.Ordinal), _book.ClosesByReason, _book.FeesUsd, _book.SlippageUsd, _book.RealizedPnlUsd, _book.Open.Count);

    public override string PersistenceId { get; }

    public static Props Props(PaperSettings settings) => Akka.Actor.Props.Create(() => new PaperExecutionActor(settings));

    /// <summary>A crash-restart saves nothing: the next incarnation recovers from the journal.</summary>
    protected override void PreRestart(Exception reason, object message)
    {
        _crashed = true;
        base.PreRestart(reason, message);
    }

    /// <summary>At a clean stop with events written since the last snapshot: one more, so the next start replays none.</summary>
    protected override void PostStop()
    {
        if (!_crashed && IsRecoveryFinished && _snapshots.Dirty(LastSequenceNr))
        {
            SaveState();
            if (_snapshots.OlderThanLatest is { } upTo)
            {
                DeleteSnapshots(new SnapshotSelectionCriteria(upTo));
            }
        }

        base.PostStop();
    }

    private void SaveState()
    {
        _snapshots.Requested(LastSequenceNr);
        SaveSnapshot(PaperSnapshots.ToSnapshot(_book));
    }

    private void OnBatch(TradeBatch m)
    {
        var open = _book.Open.Values.Where(t => t.Trade.Symbol == m.Symbol).ToList();
        var closes = new List<IPaperExecutionEvent>();
        foreach (var tick in m.Trades.Span)
        {
            // Bad input is counted and skipped (a decimal cast of NaN or ±∞ would throw).
            if (!double.IsFinite(tick.Price) || tick.Price <= 0 || tick.Price > 1e15)
            {
                Count("print invalid");
                continue;
            }

            var price = (decimal)tick.Price;
            _last[m.Symbol] = (price, tick.TimestampMs, tick.TradeId);
            var print = new TradePrint(tick.TradeId, price, tick.TimestampMs);
            for (var i = open.Count - 1; i >= 0; i--)
            {
                if (PaperVenue.OnPrint(open[i].Trade, print, _fills) is { } exit)
                {
                    closes.Add(Closed(open[i].Trade, price, exit, tick.TimestampMs, tick.TradeId));
                    open.RemoveAt(i);
                }
            }
        }

        PersistThen(closes, () => { });
    }

    private void OnPlaceEntry(PlaceEntry m)
    {
        if (_book.Knows(m.EventId))
        {
            // A re-sent intent: filled once, never twice.
            Count("intent duplicate");
            if (_book.Open.ContainsKey(m.EventId))
            {
                _replyTo[m.EventId] = m.ReplyTo;
            }

            return;
        }

        if (m.Side is not (1 or -1) || m.Quantity <= 0)
        {
            Count("intent invalid");
            m.ReplyTo.Tell(new EntryFailed(m.Symbol, m.EventId, "invalid_intent"));
            return;
        }

        var direction = m.Side > 0 ? TradeDirection.Long : TradeDirection.Short;
        var order = new PaperEntryOrder(m.EventId, m.Symbol, m.SignalTimeMs, direction, m.Quantity, m.StopPrice, m.TakeProfitPrice);
        var has = _last.TryGetValue(m.Symbol, out var last);
        var quote = has ? PaperQuote.FromLastTrade(last.Price) : null;
        var outcome = PaperVenue.Enter(order, quote, last.TimeMs, _fills, _settings.FiltersFor(m.Symbol), _settings.Strategy);
        if (outcome is PaperEntryRefused refused)
        {
            _refused[refused.Reason] = _refused.GetValueOrDefault(refused.Reason) + 1;
            m.ReplyTo.Tell(new EntryFailed(m.Symbol, m.EventId, refused.Reason));
            return;
        }

        var t = ((PaperEntryOpened)outcome).Trade;
        _replyTo[m.EventId] = m.ReplyTo;
        _entryPrint[t.EventId] = last.TradeId;
        var events = new List<IPaperExecutionEvent>
        {
            new PaperTradeOpened(t.EventId, t.Symbol, t.SignalTimeMs, m.Side, t.Quantity, last.Price, t.EntryPrice, t.EntryFee,
                t.StopTrigger, t.TakeProfitTrigger, t.FilledAtMs, m.ReplyTo.Path.ToStringWithoutAddress()),
        };
        if (!t.HasBrackets)
        {
            // The fill slipped past a target: a stop there would trigger at once. Never left open unprotected.
            _log.Error("ALERT paper execution {0}: {1} filled at {2} beyond its targets SL {3} / TP {4}; flattening", _settings.Venue, t.EventId, t.EntryPrice, m.StopPrice, m.TakeProfitPrice);
            events.Add(Closed(t, last.Price, PaperVenue.CloseAt(t, last.Price, _fills, "flatten_bracket_failed"), last.TimeMs, last.TradeId));
        }

        PersistThen(events, () => { });
    }

    private void OnClosePosition(ClosePosition m)
    {
        if (!_book.Open.TryGetValue(m.EventId, out var open) || open.Trade.PendingClose is not null)
        {
            // Unknown, already closed or already closing: a re-sent close is harmless.
            Count("close ignored");
            _log.Info("paper execution {0}: close of {1} ({2}) ignored: not open or already closing", _settings.Venue, m.EventId, m.Reason);
            return;
        }

        PersistThen([new PaperCloseRequested(m.EventId, string.IsNullOrWhiteSpace(m.Reason) ? "close" : m.Reason)], () => { });
    }

    /// <summary>Kill switch: every bracket is canceled; with flatten every position closes at the last print (or the next one).</summary>
    private void OnCancelAll(CancelAll m)
    {
        var clock = Stopwatch.StartNew();
        var events = new List<IPaperExecutionEvent>();
        var algos = 0;
        var flattened = 0;
        foreach (var (id, open) in _book.Open)
        {
            var t = open.Trade;
            if (t.HasBrackets)
            {
                events.Add(new PaperBracketsCanceled(id));
                algos += 2;
            }

            if (!m.Flatten)
            {
                continue;
            }

            if (_last.TryGetValue(t.Symbol, out var last))
            {
                events.Add(Closed(t, last.Price, PaperVenue.CloseAt(t, last.Price, _fills, "kill_switch"), last.TimeMs, last.TradeId));
                flattened++;
            }
            else if (t.PendingClose is null)
            {
                events.Add(new PaperCloseRequested(id, "kill_switch"));
            }
        }

        PersistThen(events, () =>
        {
            _log.Warning("paper execution {0}: cancel-all: {1} brackets canceled, {2} positions flattened", _settings.Venue, algos, flattened);
            m.ReplyTo.Tell(new CancelAllDone(_settings.Venue, 0, algos, flattened, clock.Elapsed));
        });
    }

    private PaperTradeClosed Closed(PaperTrade t, decimal reference, PaperExit exit, long atMs, long printTradeId)
    {
        _exitPrint[t.EventId] = printTradeId;
        return new(t.EventId, exit.Reason, reference, exit.Price, exit.Fee, exit.NetPnl, atMs);
    }

    /// <summary>Journals the events in order; each is applied and reported once stored, then <paramref name="then"/> runs.</summary>
    private void PersistThen(IReadOnlyList<IPaperExecutionEvent> events, Action then)
    {
        if (events.Count == 0)
        {
            then();
            return;
        }

        var remaining = events.Count;
        var started = Stopwatch.GetTimestamp();
        PersistAll(events, e =>
        {
            _metrics.PersistDone(PersistenceId, started);
            var before = _book;
            _book = _book.Apply(e);
            if (_snapshots.Due(LastSequenceNr))
            {
                SaveState();
            }

            // Telemetry first: its lines precede the trade's close as the strategy records it (trade_closed).
            Publish(e, before);
            Report(e, before);
            if (--remaining == 0)
            {
                then();
            }
        });
    }

    private void Report(IPaperExecutionEvent e, PaperBook before)
    {
        switch (e)
        {
            case PaperTradeOpened o:
                Count("entry filled");
                Fill(o.Symbol);
                Reply(o.EventId, new EntryFilled(o.Symbol, o.EventId, o.EntryPrice, o.Quantity));
                if (o.StopTrigger is { } sl && o.TakeProfitTrigger is { } tp)
                {
                    Reply(o.EventId, new BracketsPlaced(o.Symbol, o.EventId, sl, tp));
                }

                break;
            case PaperTradeClosed c when before.Open.TryGetValue(c.EventId, out var open):
                Count($"closed {c.Reason}");
                Fill(open.Trade.Symbol);
                Reply(c.EventId, new PositionClosed(open.Trade.Symbol, c.EventId, c.ExitPrice, open.Trade.Quantity, c.NetPnl, c.Reason), open.ReplyTo);
                _replyTo.Remove(c.EventId);
                break;
        }
    }

    // This incarnation's reference when it has one; after a restart the journaled path (/user/bot/risk).
    private void Reply(string eventId, object message, string? path = null)
    {
        if (_replyTo.TryGetValue(eventId, out var to))
        {
            to.Tell(message);
        }
        else if ((path ?? (_book.Open.TryGetValue(eventId, out var open) ? open.ReplyTo : null)) is { } p)
        {
            Context.ActorSelection(p).Tell(message);
        }
    }

    // The in-process book fills entries and exits: venue "paper" on actorbot_fills_total.
    private void Fill(string symbol) =>
        _metrics.Fills.Add(1, new KeyValuePair<string, object?>("venue", "paper"), new KeyValuePair<string, object?>("symbol", symbol));

    /// <summary>The order, fill and position_closed lines of a stored event, for /user/telemetry (as testnet's execution publishes its journal).</summary>
    private void Publish(IPaperExecutionEvent e, PaperBook before)
    {
        var print = e switch
        {
            PaperTradeOpened o => Take(_entryPrint, o.EventId),
            PaperTradeClosed c => Take(_exitPrint, c.EventId),
            _ => 0,
        };
        foreach (var line in PaperTelemetry.For(e, before, _settings.Venue, _settings.Strategy, print))
        {
            Context.System.EventStream.Publish(line);
        }

        static long Take(Dictionary<string, long> prints, string eventId) => prints.Remove(eventId, out var id) ? id : 0;
    }

    private void Count(string key) => _counters[key] = _counters.GetValueOrDefault(key) + 1;

    private ExecutionStatus ExecutionStatus()
    {
        var open = _book.Open.Values.Select(o => new OwnedPosition(o.Trade.EventId, o.Trade.Symbol, o.Trade.Direction, o.Trade.Quantity, o.Trade.EntryPrice,
            o.Trade.HasBrackets ? ClientOrderId.Create(_settings.Strategy, o.Trade.Symbol, o.Trade.SignalTimeMs, OrderLeg.StopLoss) : null,
            o.Trade.HasBrackets ? ClientOrderId.Create(_settings.Strategy, o.Trade.Symbol, o.Trade.SignalTimeMs, OrderLeg.TakeProfit) : null)).ToList();
        var counters = new Dictionary<string, long>(_counters, StringComparer.Ordinal);
        foreach (var (reason, n) in _refused)
        {
            counters[$"entry refused {reason}"] = n;
        }

        return new ExecutionStatus(_settings.Venue, ExecutionPhase.Ready, 0, [], open, null, counters);
    }
}
