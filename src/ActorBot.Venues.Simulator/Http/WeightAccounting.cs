namespace ActorBot.Venues.Simulator.Http;

/// <summary>
/// Binance-style IP weight accounting: weight per fixed window; over the limit → 429 with Retry-After;
/// an IP that keeps calling while the 429 is in force (more than <see cref="BanAfterRejections"/> times) → 418 ban. The window is configurable so tests
/// need not wait a minute; headers keep Binance's names.
/// </summary>
public sealed class WeightAccounting
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private long _windowIndex = -1;
    private int _used;
    private int _orders10s;
    private int _orders1m;
    private long _tens = -1;
    private long _minute = -1;
    private DateTimeOffset _limitedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;
    private int _rejectionsWhileLimited;

    public WeightAccounting(TimeProvider time, int limit, TimeSpan window, TimeSpan banDuration)
    {
        _time = time;
        Limit = limit;
        Window = window;
        BanDuration = banDuration;
    }

    public int Limit { get; set; }

    public TimeSpan Window { get; }

    public TimeSpan BanDuration { get; }

    /// <summary>Requests tolerated during a 429 before the ban.</summary>
    public int BanAfterRejections { get; init; } = 3;

    public int Rejected429 { get; private set; }

    public int Rejected418 { get; private set; }

    /// <summary>Charges a request; returns (status, retryAfterSeconds, usedWeight). Status 200 means go ahead.</summary>
    public (int Status, int RetryAfterSeconds, int Used, int Orders10s, int Orders1m) Charge(int weight, bool isOrder)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var ms = now.ToUnixTimeMilliseconds();
            var window = ms / (long)Window.TotalMilliseconds;
            if (window != _windowIndex)
            {
                _windowIndex = window;
                _used = 0;
            }

            if (ms / 10_000 != _tens)
            {
                _tens = ms / 10_000;
                _orders10s = 0;
            }

            if (ms / 60_000 != _minute)
            {
                _minute = ms / 60_000;
                _orders1m = 0;
            }

            if (now < _bannedUntil)
            {
                Rejected418++;
                return (418, Seconds(_bannedUntil - now), _used, _orders10s, _orders1m);
            }

            if (now < _limitedUntil)
            {
                if (++_rejectionsWhileLimited > BanAfterRejections)
                {
                    // Kept calling during a 429: Binance bans the IP.
                    _bannedUntil = now + BanDuration;
                    Rejected418++;
                    return (418, Seconds(BanDuration), _used, _orders10s, _orders1m);
                }

                Rejected429++;
                return (429, Seconds(_limitedUntil - now), _used, _orders10s, _orders1m);
            }

            _rejectionsWhileLimited = 0;

            if (_used + weight > Limit)
            {
                var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * (long)Window.TotalMilliseconds);
                _limitedUntil = windowEnd;
                Rejected429++;
                return (429, Seconds(windowEnd - now), _used, _orders10s, _orders1m);
            }

            _used += weight;
            if (isOrder)
            {
                _orders10s++;
                _orders1m++;
            }

            return (200, 0, _used, _orders10s, _orders1m);
        }
    }

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
}
