using ActorBot.Domain.Models;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using Akka.Actor;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// <c>/user/bot/{symbol}/shockflip</c>: causal features + ShockFlip detector (<see cref="SnapSignalEngine"/>)
/// and meta-model routing (<see cref="MetaRouter"/>: the active and the shadow model scored on every event).
/// A thin shell: every closed bar goes on to /trader with the signal and decision it produced, in bar order.
/// </summary>
public sealed class ShockFlipActor : ReceiveActor
{
    private readonly string _symbol;
    private readonly SnapSignalEngine _engine;
    private readonly MetaRouter _router;
    private readonly IActorRef _trader;
    private long _signals;
    private readonly ExecutionRoute? _route;
    private bool _warm;
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);

    public ShockFlipActor(string symbol, SymbolPipelineSettings settings, IActorRef trader)
    {
        _symbol = symbol;
        _engine = new SnapSignalEngine(settings.Detector, settings.CutPoints);
        _router = settings.Router;
        _trader = trader;
        _route = settings.Route;

        Receive<BarClosed>(m =>
        {
            var signal = _engine.OnBar(m.Bar);
            TellRiskIfWarm();
            if (signal is null)
            {
                _trader.Tell(new BarAnalysed(_symbol, m.Bar, null, null, null));
                return;
            }

            _signals++;
            var eventId = EventId(_symbol, signal.Event.TimestampMs, signal.Event.Side);
            var decision = _router.Route(eventId, signal.Features);
            RecordScores(decision);
            _trader.Tell(new BarAnalysed(_symbol, m.Bar, signal, decision, eventId));
        });
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { symbol = _symbol, barsSeen = _engine.BarsSeen, signals = _signals, rejectedBars = _engine.RejectedBars, warm = _warm }));
        Receive<Risk.ResendRiskState>(_ => _route?.Risk.Tell(new Risk.SymbolWarmChanged(_symbol, _warm)));
        Receive<SymbolPauseChanged>(m => _trader.Tell(m));
        Receive<PipelineMark>(m => _trader.Tell(m));
        Receive<FlushPipeline>(m => _trader.Tell(m with { RejectedBars = _engine.RejectedBars, Signals = _signals }));
    }

    private void RecordScores(RoutingDecision d)
    {
        _metrics.ModelScores.Record(d.PActive, Tag("symbol", _symbol), Tag("model", d.ActiveModelId), Tag("role", "active"));
        if (d.PShadow is { } shadow)
        {
            _metrics.ModelScores.Record(shadow, Tag("symbol", _symbol), Tag("model", d.ShadowModelId), Tag("role", "shadow"));
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, string? value) => new(key, value);

    // A (re)started detector has empty windows: risk hears "cold" before any intent this incarnation can cause.
    protected override void PreStart() => _route?.Risk.Tell(new Risk.SymbolWarmChanged(_symbol, false));

    // Told before the bar goes on to /trader, so risk knows the symbol is warm before an intent from that bar.
    private void TellRiskIfWarm()
    {
        if (_route is { } route && !_warm && _engine.BarsSeen >= route.WarmupBars)
        {
            _warm = true;
            route.Risk.Tell(new Risk.SymbolWarmChanged(_symbol, true));
        }
    }

    /// <summary>The research's event id shape (SPEC §6.0): symbol, ISO bar-open time, side.</summary>
    public static string EventId(string symbol, long barOpenMs, int side) =>
        $"{symbol}-{DateTimeOffset.FromUnixTimeMilliseconds(barOpenMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture)}-{(side > 0 ? "long" : "short")}";
}
