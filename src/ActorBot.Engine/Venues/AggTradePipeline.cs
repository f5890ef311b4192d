using ActorBot.Engine.Symbols;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// What the market stream client calls for every frame, on the client's receive loop (one frame at a time,
/// so the state here needs no lock and is never touched by the actor). Decodes aggTrade frames (errors are
/// counted by the decoder and skipped), keeps the trade sequence whole through <see cref="AggTradeGapFiller"/>
/// and tells the owning actor — by message only — about thinned <see cref="MarketDataSeen"/>s and backfills.
/// Nothing thrown here may reach the client's loop: a failure is reported and the next frame is handled.
/// </summary>
public sealed class AggTradePipeline
{
    private readonly AggTradeDecoder _decoder;
    private readonly AggTradeGapFiller _gapFiller;
    private readonly AggTradeThrottle _throttle;
    private readonly IActorRef _owner;
    private readonly Dictionary<string, long> _lastIds = new(StringComparer.Ordinal);
    private readonly CancellationToken _stop;
    private long _forwarded;

    public AggTradePipeline(BinanceRestClient rest, DecodeErrorCounter errors, TimeSpan throttle, IActorRef owner, CancellationToken stop)
    {
        _decoder = new AggTradeDecoder(errors);
        _throttle = new AggTradeThrottle(throttle);
        _owner = owner;
        _stop = stop;
        _gapFiller = new AggTradeGapFiller(rest, errors, Deliver);
    }

    public long MarketDataForwarded => Interlocked.Read(ref _forwarded);

    public long TradesBackfilled => _gapFiller.TradesBackfilled;

    public long TradesUnfilled => _gapFiller.TradesUnfilled;

    public async ValueTask OnFrameAsync(string stream, ReadOnlyMemory<byte> frame)
    {
        if (!stream.EndsWith("@aggTrade", StringComparison.Ordinal) || !_decoder.TryDecode(frame.Span, out var trade, out _))
        {
            return;
        }

        try
        {
            var hadLast = _lastIds.TryGetValue(trade.Symbol, out var last);
            var gap = hadLast && trade.AggregateTradeId > last + 1;
            if (gap)
            {
                _owner.Tell(new BackfillStarted(trade.Symbol, trade.AggregateTradeId - last - 1));
            }

            var filledBefore = _gapFiller.TradesBackfilled;
            var unfilledBefore = _gapFiller.TradesUnfilled;
            await _gapFiller.OnTradeAsync(trade, _stop).ConfigureAwait(false);
            if (gap)
            {
                _owner.Tell(new BackfillFinished(trade.Symbol, _gapFiller.TradesBackfilled - filledBefore, _gapFiller.TradesUnfilled - unfilledBefore));
            }

            if (!hadLast || trade.AggregateTradeId > last)
            {
                _lastIds[trade.Symbol] = trade.AggregateTradeId;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            _owner.Tell(new PipelineFailed($"{ex.GetType().Name}: {ex.Message}"));
            // The gap filler could not finish: the pause raised for the backfill must not stick forever.
            _owner.Tell(new BackfillFinished(trade.Symbol, 0, 0));
        }
    }

    private ValueTask Deliver(AggTrade trade)
    {
        if (_throttle.ShouldEmit(trade.Symbol, trade.EventTimeMs))
        {
            Interlocked.Increment(ref _forwarded);
            _owner.Tell(new MarketDataSeen(trade.Symbol, trade.EventTimeMs));
        }

        return ValueTask.CompletedTask;
    }
}
