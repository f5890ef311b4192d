using ActorBot.Domain.Bars;
using ActorBot.Engine.Probing;
using Akka.Actor;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// <c>/user/bot/{symbol}/bars</c>: 1-minute bars from trades, a thin shell around <see cref="MinuteBarBuilder"/>.
/// A bar closes when a trade of a later minute arrives or when the minute-close timer fires at the minute's
/// end (+ grace) on the scheduler's clock. That timer belongs to the parent /{symbol}, next to the stale
/// watchdog, so both timers' effects arrive here through one mailbox in due-time order (two timers in two
/// actors would race). Closed bars, pause changes and pipeline marks go to /shockflip in one FIFO stream.
/// </summary>
public sealed class BarsActor : ReceiveActor
{
    private readonly string _symbol;
    private readonly IActorRef _next;
    private readonly IActorRef _sink;
    private readonly MinuteBarBuilder _builder = new();

    public BarsActor(string symbol, IActorRef next, IActorRef sink)
    {
        _symbol = symbol;
        _next = next;
        _sink = sink;

        Receive<TradeBatch>(OnBatch);
        Receive<CloseMinute>(m =>
        {
            if (_builder.OnClock(m.MinuteEndMs) is { } bar)
            {
                Emit(bar);
            }
        });
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { symbol = _symbol, malformedTrades = _builder.MalformedTrades, lateTrades = _builder.LateTrades }));
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

        if (batch.AckRequested)
        {
            _next.Tell(new PipelineMark(Sender));
        }
    }

    private void Emit(Bar bar)
    {
        _sink.Tell(new BarClosed(_symbol, bar));
        _next.Tell(new BarClosed(_symbol, bar));
    }
}
