using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// Keeps each symbol's aggTrade sequence whole across reconnects and stalls: aggregate ids are consecutive,
/// so a live trade whose id jumps past the last delivered one means trades were missed; they are fetched
/// over REST (<c>GET /fapi/v1/aggTrades?fromId=</c>) and delivered, in order, before the live one.
/// Repeats (id not above the last) are dropped. Gaps, backfilled trades and duplicates are counted.
/// </summary>
public sealed class AggTradeGapFiller
{
    private readonly BinanceRestClient _rest;
    private readonly AggTradeDecoder _decoder;
    private readonly Func<AggTrade, ValueTask> _deliver;
    private readonly Dictionary<string, long> _lastId = new(StringComparer.Ordinal);
    private long _gaps;
    private long _backfilled;
    private long _duplicates;
    private long _unfilled;

    public AggTradeGapFiller(BinanceRestClient rest, DecodeErrorCounter errors, Func<AggTrade, ValueTask> deliver)
    {
        _rest = rest;
        _decoder = new AggTradeDecoder(errors);
        _deliver = deliver;
    }

    public long GapsDetected => Interlocked.Read(ref _gaps);

    public long TradesBackfilled => Interlocked.Read(ref _backfilled);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Trades that stayed missing because the REST backfill failed (the caller should pause trading on the symbol).</summary>
    public long TradesUnfilled => Interlocked.Read(ref _unfilled);

    /// <summary>Feeds one raw aggTrade frame (raw or combined); decode errors are counted and skipped.</summary>
    public async ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct = default)
    {
        if (_decoder.TryDecode(frame.Span, out var trade, out _))
        {
            await OnTradeAsync(trade, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask OnTradeAsync(AggTrade trade, CancellationToken ct = default)
    {
        if (_lastId.TryGetValue(trade.Symbol, out var last))
        {
            if (trade.AggregateTradeId <= last)
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }

            if (trade.AggregateTradeId > last + 1)
            {
                Interlocked.Increment(ref _gaps);
                last = await BackfillAsync(trade.Symbol, last, trade.AggregateTradeId, ct).ConfigureAwait(false);
            }
        }

        _lastId[trade.Symbol] = trade.AggregateTradeId;
        await _deliver(trade).ConfigureAwait(false);
    }

    private async Task<long> BackfillAsync(string symbol, long last, long liveId, CancellationToken ct)
    {
        while (last + 1 < liveId)
        {
            var page = await _rest.GetAggTradesAsync(symbol, fromId: last + 1, limit: (int)Math.Min(1000, liveId - last - 1), ct: ct).ConfigureAwait(false);
            if (!page.IsSuccess || page.Value!.Count == 0)
            {
                Interlocked.Add(ref _unfilled, liveId - last - 1);
                return last;
            }

            foreach (var t in page.Value!)
            {
                if (t.AggregateTradeId <= last || t.AggregateTradeId >= liveId)
                {
                    continue;
                }

                last = t.AggregateTradeId;
                Interlocked.Increment(ref _backfilled);
                await _deliver(new AggTrade(symbol, t.TradeTimeMs, t.AggregateTradeId, t.Price, t.Quantity, t.FirstTradeId, t.LastTradeId, t.TradeTimeMs, t.IsBuyerMaker)).ConfigureAwait(false);
            }

            if (page.Value!.Count < 1 || page.Value![^1].AggregateTradeId >= liveId - 1)
            {
                break;
            }
        }

        return last;
    }
}
