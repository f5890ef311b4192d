using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using Akka.Actor;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// <c>/user/bot/{symbol}</c>: one per symbol, sharing no state with other symbols. Today it runs the
/// staleness watchdog: a keyed single timer restarted on every piece of market data; when it fires the
/// symbol reports <see cref="PauseReason.StaleData"/> to the bot. A symbol with no data yet starts stale,
/// because trading on no data is never safe.
/// </summary>
public sealed class SymbolActor : ReceiveActor, IWithTimers
{
    private const string WatchdogKey = "stale-watchdog";
    private readonly string _symbol;
    private readonly TimeSpan _staleTimeout;
    private bool _stale = true;
    private long? _lastEventTimeMs;

    public SymbolActor(string symbol, TimeSpan staleTimeout)
    {
        _symbol = symbol;
        _staleTimeout = staleTimeout;

        Receive<MarketDataSeen>(m => m.Symbol == _symbol, m =>
        {
            _lastEventTimeMs = m.EventTimeMs;
            Timers.StartSingleTimer(WatchdogKey, StaleCheck.Instance, _staleTimeout);
            if (_stale)
            {
                _stale = false;
                Context.Parent.Tell(new ClearPause(PauseReason.StaleData(_symbol)));
            }
        });
        Receive<GetSymbolStatus>(_ => Sender.Tell(new SymbolStatus(_symbol, _stale, _lastEventTimeMs)));
        Receive<StaleCheck>(_ =>
        {
            _stale = true;
            Context.Parent.Tell(new RaisePause(PauseReason.StaleData(_symbol)));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Context.Parent.Tell(new RaisePause(PauseReason.StaleData(_symbol)));
}
