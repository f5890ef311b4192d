using ActorBot.Domain.Bars;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// <c>/user/bot/{symbol}</c>: one per symbol, sharing no state with other symbols. It runs the
/// staleness watchdog: a keyed single timer restarted on every piece of market data; when it fires the
/// symbol reports <see cref="PauseReason.StaleData"/> to the bot. A symbol with no data yet starts stale,
/// because trading on no data is never safe. With <see cref="SymbolPipelineSettings"/> it also owns the
/// Snap Harvester children <c>bars</c> → <c>shockflip</c> → <c>trader</c>: trade batches go to /bars, and
/// its own pause changes go down the same FIFO path, so /trader sees them in order with the bars.
/// With <see cref="LiquidationSettings"/> it also owns the liquidation subtree: <c>zones</c> (persistent) and
/// <c>liquidations</c>, which gets every trade batch and the venue's liquidations, open interest and mark prices.
/// With a calibrator configured, the persistent <c>calibrator</c> gets every venue's liquidations (as /liquidations does)
/// and /liquidations' minute snapshots; its <see cref="UpdateLeverageWeights"/> come back through this actor.
/// With <see cref="LiquidationSettings.Book"/> and a frame step for its base asset it also owns <c>book</c> (the order
/// book and its 30 s frames), which gets the venue's depth diffs and the mark price.
/// </summary>
public sealed class SymbolActor : ReceiveActor, IWithTimers
{
    private const string WatchdogKey = "stale-watchdog";
    private const string MinuteCloseKey = "minute-close";
    private readonly string _symbol;
    private readonly TimeSpan _staleTimeout;
    private bool _stale = true;
    private bool _externalPause;
    private bool _entriesPaused = true;
    private readonly SymbolPipelineSettings? _pipeline;
    private readonly LiquidationSettings? _liquidationSettings;
    private IActorRef? _liquidations;
    private IActorRef? _zones;
    private IActorRef? _calibrator;
    private IActorRef? _book;
    private long _liquidationMessagesDropped;
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private IActorRef? _bars;
    private long? _lastEventTimeMs;
    private long _closeTimerMinute = long.MinValue;

    /// <param name="liquidations">runs /liquidations and /zones for this symbol; null: none.</param>
    public SymbolActor(string symbol, TimeSpan staleTimeout, SymbolPipelineSettings? pipeline = null, LiquidationSettings? liquidations = null)
    {
        _symbol = symbol;
        _staleTimeout = staleTimeout;
        _pipeline = pipeline;
        _liquidationSettings = liquidations;

        Receive<MarketDataSeen>(m => m.Symbol == _symbol, m => OnData(m.EventTimeMs, _staleTimeout));
        Receive<TradeBatch>(m => m.Symbol == _symbol, m =>
        {
            if (m.Trades.Length > 0)
            {
                // Trades carry exchange time: the data is stale once its newest trade is older than the
                // timeout, however late the batch was processed (deterministic under the replay clock).
                var age = Context.System.Scheduler.Now.ToUnixTimeMilliseconds() - m.LastEventTimeMs;
                OnData(m.LastEventTimeMs, _staleTimeout - TimeSpan.FromMilliseconds(Math.Max(0, age)));
            }

            // The minute clock of the liquidation engines runs on the same prints (a plain Tell: acks come from /bars).
            if (m.Trades.Length > 0)
            {
                _liquidations?.Tell(m);
            }

            if (_bars is { } bars)
            {
                bars.Forward(m);
                if (m.Trades.Length > 0)
                {
                    ArmMinuteClose(MinuteBarBuilder.MinuteFloor(m.LastEventTimeMs));
                }
            }
            else if (m.AckRequested)
            {
                Sender.Tell(new PipelineDrained(_symbol));
            }
        });
        Receive<EndOfData>(m => m.Symbol == _symbol, m =>
        {
            if (_bars is { } bars)
            {
                bars.Forward(m);
            }
            else
            {
                Sender.Tell(new Status.Failure(new InvalidOperationException($"symbol {_symbol} runs no pipeline")));
            }
        });
        Receive<CloseMinute>(m => _bars?.Tell(m));
        Receive<Risk.ResendRiskState>(m => Context.Child("shockflip").Tell(m));
        Receive<ISymbolLiquidationMessage>(m => m.Symbol == _symbol, OnLiquidationMessage);
        Receive<GetSymbolStatus>(_ => Sender.Tell(Status()));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, Status()));
        Receive<ExternalPauseChanged>(m => m.Symbol == _symbol, m =>
        {
            _externalPause = m.Paused;
            UpdateEntriesPaused();
        });
        Receive<StaleCheck>(_ =>
        {
            _stale = true;
            Context.Parent.Tell(new RaisePause(PauseReason.StaleData(_symbol)));
            UpdateEntriesPaused();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    // Akka's default supervision for bars/shockflip/trader, counted for /actors.
    protected override SupervisorStrategy SupervisorStrategy() => RestartCountingStrategy.Default();

    private void OnLiquidationMessage(ISymbolLiquidationMessage message)
    {
        var target = message switch
        {
            IZonesMessage => _zones,
            ICalibratorMessage => _calibrator,
            IBookMessage => _book,
            _ => _liquidations,
        };
        if (target is null)
        {
            _liquidationMessagesDropped++;
            // A question is answered (an ask must not wait out its timeout); an input is only counted.
            if (message is ILiquidationQuery)
            {
                var child = message switch
                {
                    IZonesMessage => "zones",
                    ICalibratorMessage => "calibrator",
                    IBookMessage => "book",
                    _ => "liquidation engines",
                };
                Sender.Tell(new Status.Failure(new InvalidOperationException($"symbol {_symbol} runs no {child}")));
            }

            return;
        }

        target.Forward(message);
        // The calibrator's on_liquidation input: every venue's liquidation of the symbol, beside the tape's.
        if (message is LiquidationReceived && _calibrator is { } calibrator)
        {
            calibrator.Forward(message);
        }

        // The mark price is also the book frames' reference price (SPEC §9.2).
        if (message is MarkPriceSampled && _book is { } book)
        {
            book.Forward(message);
        }
    }

    private SymbolStatus Status() => new(_symbol, _stale, _lastEventTimeMs, _entriesPaused);

    protected override void PreStart()
    {
        Context.Parent.Tell(new RaisePause(PauseReason.StaleData(_symbol)));
        if (_pipeline is { } p)
        {
            var trader = Context.ActorOf(Props.Create(() => new TraderActor(_symbol, p)), "trader");
            _metrics.Mailboxes.Track(trader);
            var shockflip = Context.ActorOf(Props.Create(() => new ShockFlipActor(_symbol, p, trader)), "shockflip");
            _bars = Context.ActorOf(Props.Create(() => new BarsActor(_symbol, shockflip, p.Sink)), "bars");
        }

        if (_liquidationSettings is { } liq)
        {
            if (liq.GridFor(_symbol) is { } grid)
            {
                var zones = Context.ActorOf(Props.Create(() => new ZonesActor(_symbol, grid, liq.ZoneSnapshotEveryMinutes)), "zones");
                _zones = zones;
                // The calibrator sends its weights to this actor, which routes them to /liquidations (created next).
                var calibrator = liq.Calibrator is { } cal
                    ? Context.ActorOf(Props.Create(() => new CalibratorActor(_symbol, grid, cal.Options, Self)), "calibrator")
                    : null;
                _calibrator = calibrator;
                _liquidations = Context.ActorOf(Props.Create(() => new LiquidationsActor(_symbol, grid, liq.MinuteCloseGrace, zones, calibrator, liq.HistoryDirectory)), "liquidations");
                _metrics.Mailboxes.Track(_liquidations);
            }
            else
            {
                Context.GetLogger().Warning("{0}: no liquidation bucket step for its base asset (actorbot.liquidations.bucket-steps); it runs no liquidation engines", _symbol);
            }

            if (liq.Book is { } bookSettings)
            {
                if (bookSettings.FramesFor(_symbol) is { } frames)
                {
                    _book = Context.ActorOf(Props.Create(() => new BookActor(_symbol, frames, bookSettings)), "book");
                    _metrics.Mailboxes.Track(_book);
                }
                else
                {
                    Context.GetLogger().Warning("{0}: no book frame step for its base asset (actorbot.liquidations.book.steps); it runs no /book", _symbol);
                }
            }
        }
    }

    // One keyed timer for the open minute (re-armed only when the minute changes): at its end (+ grace) on the
    // scheduler's clock, /bars closes the bar even if no later trade arrives. The message carries the minute's
    // end, so the bar does not depend on when the message is processed.
    private void ArmMinuteClose(long minute)
    {
        if (minute == _closeTimerMinute)
        {
            return;
        }

        _closeTimerMinute = minute;
        var end = minute + Bar.MinuteMs;
        var due = end + (long)_pipeline!.BarCloseGrace.TotalMilliseconds;
        var delay = due - Context.System.Scheduler.Now.ToUnixTimeMilliseconds();
        Timers.StartSingleTimer(MinuteCloseKey, new CloseMinute(end), TimeSpan.FromMilliseconds(Math.Max(0, delay)));
    }

    private void OnData(long eventTimeMs, TimeSpan staleAfter)
    {
        _lastEventTimeMs = eventTimeMs;
        _metrics.FeedSeen(_symbol);
        Timers.StartSingleTimer(WatchdogKey, StaleCheck.Instance, staleAfter > TimeSpan.Zero ? staleAfter : TimeSpan.Zero);
        if (_stale)
        {
            _stale = false;
            Context.Parent.Tell(new ClearPause(PauseReason.StaleData(_symbol)));
            UpdateEntriesPaused();
        }
    }

    /// <summary>
    /// Entries pause when this symbol's data is stale or when the bot reports another cause for it (kill
    /// switch, venue disabled, ...). The change travels down bars → shockflip → trader in FIFO order with
    /// the bars, so /trader never opens an entry on a bar that arrived after the pause.
    /// </summary>
    private void UpdateEntriesPaused()
    {
        var paused = _stale || _externalPause;
        if (paused != _entriesPaused)
        {
            _entriesPaused = paused;
            _bars?.Tell(new SymbolPauseChanged(_symbol, paused));
        }
    }
}
