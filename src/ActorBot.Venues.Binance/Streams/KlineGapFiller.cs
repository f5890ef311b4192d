using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// Delivers closed klines per symbol and interval in order, without holes: when a closed kline opens more
/// than one interval after the last delivered one (a reconnect or stall swallowed some), the missing ones
/// are fetched over REST (<c>GET /fapi/v1/klines?startTime=&amp;endTime=</c>) and delivered first.
/// Open (unclosed) klines pass through untouched; repeats are dropped. Gaps and backfilled bars are counted.
/// </summary>
public sealed class KlineGapFiller
{
    private readonly BinanceRestClient _rest;
    private readonly MarketEventDecoder _decoder;
    private readonly Func<KlineEvent, ValueTask> _deliver;
    private readonly Dictionary<(string Symbol, string Interval), long> _lastClosedOpen = new();
    private long _gaps;
    private long _backfilled;

    public KlineGapFiller(BinanceRestClient rest, DecodeErrorCounter errors, Func<KlineEvent, ValueTask> deliver)
    {
        _rest = rest;
        _decoder = new MarketEventDecoder(errors);
        _deliver = deliver;
    }

    public long GapsDetected => Interlocked.Read(ref _gaps);

    public long KlinesBackfilled => Interlocked.Read(ref _backfilled);

    public async ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct = default)
    {
        if (_decoder.TryDecode(frame.Span, out var ev, out _) && ev is KlineEvent kline)
        {
            await OnKlineAsync(kline, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask OnKlineAsync(KlineEvent ev, CancellationToken ct = default)
    {
        if (!ev.Kline.IsClosed)
        {
            await _deliver(ev).ConfigureAwait(false);
            return;
        }

        var key = (ev.Symbol, ev.Kline.Interval);
        var intervalMs = IntervalMs(ev.Kline.Interval);
        if (_lastClosedOpen.TryGetValue(key, out var last))
        {
            if (ev.Kline.OpenTimeMs <= last)
            {
                return;
            }

            if (intervalMs > 0 && ev.Kline.OpenTimeMs > last + intervalMs)
            {
                Interlocked.Increment(ref _gaps);
                var page = await _rest.GetKlinesAsync(ev.Symbol, ev.Kline.Interval, last + intervalMs, ev.Kline.OpenTimeMs - 1, 1000, ct).ConfigureAwait(false);
                if (page.IsSuccess)
                {
                    foreach (var k in page.Value!.Klines.Where(k => k.OpenTimeMs > last && k.OpenTimeMs < ev.Kline.OpenTimeMs).OrderBy(k => k.OpenTimeMs))
                    {
                        Interlocked.Increment(ref _backfilled);
                        await _deliver(new KlineEvent(ev.Symbol, k.CloseTimeMs, k with { Interval = ev.Kline.Interval })).ConfigureAwait(false);
                    }
                }
            }
        }

        _lastClosedOpen[key] = ev.Kline.OpenTimeMs;
        await _deliver(ev).ConfigureAwait(false);
    }

    /// <summary>Milliseconds of a Binance kline interval (<c>1m</c> … <c>1w</c>); 0 for <c>1M</c> or unknown (no backfill).</summary>
    public static long IntervalMs(string interval)
    {
        if (interval.Length < 2 || !long.TryParse(interval[..^1], out var n))
        {
            return 0;
        }

        return interval[^1] switch
        {
            'm' => n * 60_000,
            'h' => n * 3_600_000,
            'd' => n * 86_400_000,
            'w' => n * 604_800_000,
            _ => 0,
        };
    }
}
