using ActorBot.Domain.Modes;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Telemetry;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Bot;

/// <summary>
/// <c>/user/bot</c>: owns the trade mode, the kill switch and SAFE_PAUSE. Children report causes with
/// <see cref="RaisePause"/>/<see cref="ClearPause"/> messages (never shared flags); the bot keeps them in a
/// pure <see cref="SafePauseTracker"/> and publishes <see cref="SafePauseChanged"/> on every transition.
/// Supervision is one-for-one: a crashing symbol subtree restarts alone.
/// </summary>
public sealed class BotActor : ReceiveActor, IWithTimers
{
    private readonly BotSettings _settings;
    private readonly SafePauseTracker _pauses;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private long _unknownSymbolMessages;
    // The service starts paused (no data yet); an episode is each later change from running to paused.
    private bool _wasPaused = true;
    private long _pauseEpisodes;
    private readonly Dictionary<string, bool> _externalPauseSent = [];

    private readonly Func<string, SymbolPipelineSettings?>? _pipelines;
    private readonly RiskWiring? _riskWiring;
    private readonly Dictionary<string, bool> _riskPauseSent = [];
    private IActorRef? _risk;

    public BotActor(BotSettings settings)
        : this(settings, null)
    {
    }

    /// <param name="pipelines">per symbol, the Snap Harvester subtree settings (null: watchdog only).</param>
    /// <param name="risk">runs /risk and routes entries through it (testnet, live, paper); null: the trader's in-process paper path (replay, shadow).</param>
    /// <param name="externalRisk">
    /// cluster mode: the portfolio risk singleton's proxy, used instead of a /risk child (entries, pause and warm-up
    /// state go there); null: <paramref name="risk"/> decides.
    /// </param>
    public BotActor(BotSettings settings, Func<string, SymbolPipelineSettings?>? pipelines, RiskWiring? risk = null, IActorRef? externalRisk = null)
    {
        _settings = settings;
        _pipelines = pipelines;
        _riskWiring = risk;
        _risk = risk is null ? externalRisk : null;
        _pauses = new SafePauseTracker(settings.PauseHysteresis);

        Receive<RaisePause>(m => OnRaise(m.Reason));
        Receive<ClearPause>(m => OnClear(m.Reason));
        Receive<SetKillSwitch>(m =>
        {
            // Risk latches it in its journal, so entries stay blocked across a restart until the operator releases it.
            _risk?.Tell(m);
            if (m.On)
            {
                OnRaise(PauseReason.KillSwitch());
            }
            else
            {
                // The operator's decision to resume is explicit, so it takes effect at once.
                _pauses.MarkClear(PauseReason.KillSwitch(), NowMs);
                Publish(_pauses.Expire(long.MaxValue).Count > 0);
            }
        });
        Receive<ExpirePauses>(_ =>
        {
            var cleared = _pauses.Expire(NowMs);
            foreach (var reason in cleared)
            {
                _log.Info("SAFE_PAUSE cause cleared: {0}", reason);
            }

            Publish(cleared.Count > 0);
        });
        Receive<MarketDataSeen>(m => RouteToSymbol(m.Symbol, m));
        Receive<GetSymbolStatus>(m => RouteToSymbol(m.Symbol, m));
        Receive<TradeBatch>(m => RouteToSymbol(m.Symbol, m));
        Receive<EndOfData>(m => RouteToSymbol(m.Symbol, m));
        Receive<ISymbolLiquidationMessage>(m => RouteToSymbol(m.Symbol, m));
        Receive<ResendRiskState>(m =>
        {
            // A new risk incarnation (cluster: the singleton moved) asks for the present conditions again.
            _riskPauseSent.Clear();
            NotifySymbols();
            foreach (var symbol in _settings.Symbols)
            {
                Context.Child(symbol).Tell(m);
            }
        });
        Receive<GetBotStatus>(_ => Sender.Tell(Status()));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    protected override void PreStart()
    {
        _metrics.Mailboxes.Track(Self);
        if (_riskWiring is { } wiring)
        {
            _risk = Context.ActorOf(Props.Create(() => new RiskActor(wiring)), "risk");
            _metrics.Mailboxes.Track(_risk);
        }

        foreach (var symbol in _settings.Symbols)
        {
            var pipeline = _pipelines?.Invoke(symbol);
            if (pipeline is not null && _risk is { } risk)
            {
                pipeline = pipeline with { Route = new ExecutionRoute(risk, _settings.VenueFor(symbol), ExecutionRoute.WarmupBarsFor(pipeline.Detector)) };
            }

            Context.ActorOf(
                Props.Create(() => new SymbolActor(symbol, _settings.StaleTimeout, pipeline, _settings.Liquidations)),
                symbol);
            // A symbol with no data yet is stale. The child says so from its own PreStart, but children start
            // asynchronously: without this a /ready asked in between would see RUNNING before any data.
            _pauses.Raise(PauseReason.StaleData(symbol));
        }

        Publish(changed: true);

        var tick = _settings.PauseHysteresis > TimeSpan.Zero
            ? TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 100, _settings.PauseHysteresis.Ticks / 4))
            : TimeSpan.FromSeconds(1);
        Timers.StartPeriodicTimer("expire-pauses", ExpirePauses.Instance, tick);
        _log.Info("bot started: mode={0} venue={1} symbols={2}", _settings.Mode.ToConfigString(), string.Join(",", _settings.Venues), string.Join(",", _settings.Symbols));
    }

    protected override SupervisorStrategy SupervisorStrategy() => RestartCountingStrategy.RestartUpTo10PerMinute();

    /// <summary>
    /// Forwards to the symbol's subtree (keeping the sender, and FIFO from this actor, so a status query
    /// sent after data is answered after that data was applied). A symbol we do not run is bad input:
    /// counted, logged, and a query gets a failure instead of silence.
    /// </summary>
    private void RouteToSymbol(string symbol, object message)
    {
        var child = Context.Child(symbol);
        if (child.IsNobody())
        {
            _unknownSymbolMessages++;
            _log.Warning("message for unknown symbol {0} dropped: {1}", symbol, message.GetType().Name);
            if (message is GetSymbolStatus or EndOfData or ILiquidationQuery || message is TradeBatch { AckRequested: true })
            {
                Sender.Tell(new Status.Failure(new ArgumentException($"unknown symbol {symbol}")));
            }

            return;
        }

        child.Forward(message);
    }

    private void OnRaise(PauseReason reason)
    {
        if (_pauses.Raise(reason))
        {
            _log.Warning("SAFE_PAUSE: {0}", reason);
            Publish(changed: true);
        }
    }

    private void OnClear(PauseReason reason) => _pauses.MarkClear(reason, NowMs);

    private void Publish(bool changed)
    {
        if (changed)
        {
            NotifySymbols();
            var paused = _pauses.IsPausedAnywhere;
            if (paused && !_wasPaused)
            {
                _pauseEpisodes++;
            }

            _wasPaused = paused;
            var reasons = Reasons();
            _metrics.SafePauseChanged(reasons);
            Context.System.EventStream.Publish(new SafePauseChanged(paused, reasons));
        }
    }

    /// <summary>Tells each symbol whether causes other than its own stale data pause it, on change only.</summary>
    private void NotifySymbols()
    {
        foreach (var symbol in _settings.Symbols)
        {
            var own = PauseReason.StaleData(symbol);
            // A venue's causes (disabled, clock offset, reconcile drift) pause only the symbols that venue trades.
            var reasons = _pauses.ReasonsFor(_settings.VenueFor(symbol), symbol).ToList();
            NotifyRisk(symbol, reasons.Count > 0);
            var external = reasons.Any(r => r != own);
            if (_externalPauseSent.TryGetValue(symbol, out var sent) && sent == external)
            {
                continue;
            }

            _externalPauseSent[symbol] = external;
            Context.Child(symbol).Tell(new ExternalPauseChanged(symbol, external));
        }
    }

    /// <summary>Risk blocks entries on any cause, the symbol's own stale data included (SAFE_PAUSE rule).</summary>
    private void NotifyRisk(string symbol, bool paused)
    {
        if (_risk is null || (_riskPauseSent.TryGetValue(symbol, out var sent) && sent == paused))
        {
            return;
        }

        _riskPauseSent[symbol] = paused;
        _risk.Tell(new EntriesPauseChanged(symbol, paused));
    }

    private List<string> Reasons() => _pauses.ActiveReasons.Select(r => r.ToString()).ToList();

    private BotStatus Status() =>
        new(_settings.Mode, _pauses.IsPausedAnywhere, Reasons(), _pauses.ClearingReasons.Select(r => r.ToString()).ToList(), _settings.Symbols, _settings.Venue, _unknownSymbolMessages, _pauseEpisodes)
        {
            Venues = _settings.Venues,
            PausedSymbols = _settings.Symbols.Where(s => _pauses.IsPaused(_settings.VenueFor(s), s)).ToList(),
        };
}
