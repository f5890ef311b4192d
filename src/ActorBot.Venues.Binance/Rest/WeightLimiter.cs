namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// Keeps this process under a configured share of the venue's per-minute request weight (several bots
/// may share one IP, and the venue counts them together). The venue's own count, from
/// <c>X-MBX-USED-WEIGHT-1M</c>, replaces the local estimate whenever a response carries it; between
/// responses the local estimate adds each request's weight. Windows are calendar minutes, as on Binance.
/// Order counts (<c>X-MBX-ORDER-COUNT-10S</c>/<c>-1M</c>) are kept the same way against their limits.
/// Pure bookkeeping: it answers "how long to wait"; the client does the waiting.
/// </summary>
public sealed class WeightLimiter
{
    private readonly object _gate = new();
    private readonly double _share;
    private readonly long _windowMs;
    private int _weightLimit;
    private int _ordersPer10s;
    private int _ordersPerMinute;
    private long _minute = -1;
    private long _orderMinute = -1;
    private int _usedWeight;
    private long _tenSeconds = -1;
    private int _orders10s;
    private int _orders1m;

    public WeightLimiter(int weightLimitPerMinute = 2400, double share = 0.5, int ordersPer10s = 300, int ordersPerMinute = 1200, TimeSpan? weightWindow = null)
    {
        _windowMs = (long)(weightWindow ?? TimeSpan.FromMinutes(1)).TotalMilliseconds;
        if (share is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), "share must be in (0, 1]");
        }

        _share = share;
        SetLimits(weightLimitPerMinute, ordersPer10s, ordersPerMinute);
    }

    public int UsedWeight
    {
        get
        {
            lock (_gate)
            {
                return _usedWeight;
            }
        }
    }

    public int WeightBudget => (int)(_weightLimit * _share);

    /// <summary>Limits from exchangeInfo.rateLimits (re-read at startup; never hard-coded).</summary>
    public void SetLimits(int weightLimitPerMinute, int ordersPer10s, int ordersPerMinute)
    {
        lock (_gate)
        {
            _weightLimit = weightLimitPerMinute;
            _ordersPer10s = ordersPer10s;
            _ordersPerMinute = ordersPerMinute;
        }
    }

    /// <summary>
    /// Reserves <paramref name="weight"/> (and one order when <paramref name="isOrder"/>) at <paramref name="nowMs"/>;
    /// returns zero when it fits, else how long to wait before asking again (nothing is reserved then).
    /// </summary>
    public TimeSpan TryReserve(int weight, bool isOrder, long nowMs)
    {
        lock (_gate)
        {
            Roll(nowMs);
            if (_usedWeight + weight > WeightBudget && weight > 0)
            {
                return TimeSpan.FromMilliseconds(_windowMs - (nowMs % _windowMs) + 1);
            }

            if (isOrder)
            {
                if (_orders10s + 1 > (int)(_ordersPer10s * _share))
                {
                    return TimeSpan.FromMilliseconds(10_000 - (nowMs % 10_000) + 1);
                }

                if (_orders1m + 1 > (int)(_ordersPerMinute * _share))
                {
                    return TimeSpan.FromMilliseconds(60_000 - (nowMs % 60_000) + 1);
                }

                _orders10s++;
                _orders1m++;
            }

            _usedWeight += weight;
            return TimeSpan.Zero;
        }
    }

    /// <summary>Feeds the venue's counters from response headers (null when a header is absent).</summary>
    public void Observe(long nowMs, int? usedWeight1m, int? orderCount10s, int? orderCount1m)
    {
        lock (_gate)
        {
            Roll(nowMs);
            if (usedWeight1m is { } w)
            {
                _usedWeight = w;
            }

            if (orderCount10s is { } o10)
            {
                _orders10s = o10;
            }

            if (orderCount1m is { } o1)
            {
                _orders1m = o1;
            }
        }
    }

    private void Roll(long nowMs)
    {
        var window = nowMs / _windowMs;
        if (window != _minute)
        {
            _minute = window;
            _usedWeight = 0;
        }

        var minute = nowMs / 60_000;
        if (minute != _orderMinute)
        {
            _orderMinute = minute;
            _orders1m = 0;
        }

        var tens = nowMs / 10_000;
        if (tens != _tenSeconds)
        {
            _tenSeconds = tens;
            _orders10s = 0;
        }
    }
}
