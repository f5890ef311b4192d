using ActorBot.Domain.Bars;
using Akka.Actor;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// <c>/user/bot/{symbol}/bars</c>: 1-minute bars from trades, a thin shell around <see cref="MinuteBarBuilder"/>.
/// A bar closes when a trade of a later minute arrives or when the minute-close timer fires at the minute's
/// end (+ grace) on the scheduler's clock — virtual in replay, so both paths are deterministic. Closed bars,
/// pause changes and pipeline marks go to /shockflip in one FIFO stream, so order downstream is fixed.
/// </summary>
public sealed class BarsActor : ReceiveActor, IWithTimers
{
    private const string CloseKey = "minute-close";
    private readonly string _symbol;
    private readonly IActorRef _next;
    private readonly IActorRef _sink;
    private readonly TimeSpan _grace;
    private readonly MinuteBarBuilder _builder = new();
    private long _timerMinute = long.MinValue;

    public BarsActor(string symbol, IActorRef next, IActorRef sink, TimeSpan grace)
    {
        _symbol = symbol;
        _next = next;
        _sink = sink;
        _grace = grace;

        Receive<TradeBatch>(OnBatch);
        Receive<CloseMinute>(_ =>
        {
            if (_builder.OnClock(NowMs) is { } bar)
            {
                Emit(bar);
            }
        });
        Receive<SymbolPauseChanged>(m => _next.Tell(m));
        Receive<PipelineMark>(m => _next.Tell(m));
        Receive<EndOfData>(m =>
        {
            if (_builder.Flush() is { } bar)
            {
                Emit(bar);
            }

            _next.Tell(new FlushPipeline(_symbol, Sender, _builder.MalformedTrades, _builder.LateTrades, 0, 0));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    private void OnBatch(TradeBatch batch)
    {
        var trades = batch.Trades.Span;
        for (var i = 0; i < trades.Length; i++)
        {
            if (_builder.OnTrade(trades[i], out _) is { } bar)
            {
                Emit(bar);
            }
        }

        if (trades.Length > 0)
        {
            ArmCloseTimer(MinuteBarBuilder.MinuteFloor(trades[^1].TimestampMs));
        }

        if (batch.AckRequested)
        {
            _next.Tell(new PipelineMark(Sender));
        }
    }

    // One keyed timer for the open minute: restarting it per batch would cost a scheduler entry per message.
    private void ArmCloseTimer(long minute)
    {
        if (minute == _timerMinute)
        {
            return;
        }

        _timerMinute = minute;
        var due = minute + Bar.MinuteMs + (long)_grace.TotalMilliseconds;
        Timers.StartSingleTimer(CloseKey, CloseMinute.Instance, TimeSpan.FromMilliseconds(Math.Max(0, due - NowMs)));
    }

    private void Emit(Bar bar)
    {
        _sink.Tell(new BarClosed(_symbol, bar));
        _next.Tell(new BarClosed(_symbol, bar));
    }
}
