namespace ActorBot.Domain.Bars;

/// <summary>
/// Builds 1-minute bars from trades in arrival order (SPEC §2.1 step 7): open/close = first/last
/// trade, high/low = max/min, volume = Σqty, buy/sell = taker buy/sell qty, labelled by the minute's
/// open time. A bar is emitted only once its minute is closed — when a trade of a later minute
/// arrives or when the injected clock passes the minute's end — and minutes without trades produce
/// no bar (the research drops them). Optional tick snapping reproduces the research's price grid.
/// Quantities are summed with Kahan compensation, as pandas' groupby/resample sum does, so bar
/// volumes match the research to the last bit wherever the research summed the same trades.
/// Pure and deterministic: time only comes from trades and from <see cref="OnClock"/>.
/// </summary>
public sealed class MinuteBarBuilder
{
    private readonly double? _tickSize;
    private long _minute = long.MinValue;
    private long _lastEmittedMinute = long.MinValue;
    private double _open;
    private double _high;
    private double _low;
    private double _close;
    private KahanSum _volume;
    private KahanSum _buy;
    private KahanSum _sell;
    private int _trades;

    public MinuteBarBuilder(double? tickSize = null)
    {
        if (tickSize is { } t && (!(t > 0) || !double.IsFinite(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(tickSize), $"Tick size {t} must be a positive finite number.");
        }

        _tickSize = tickSize;
    }

    public long MalformedTrades { get; private set; }

    public long LateTrades { get; private set; }

    /// <summary>Adds a trade; returns the previous minute's bar if this trade closed it.</summary>
    public Bar? OnTrade(in TradeTick trade, out TradeRejection rejection)
    {
        if (!double.IsFinite(trade.Price) || !(trade.Price > 0) || !double.IsFinite(trade.Quantity) || !(trade.Quantity > 0))
        {
            MalformedTrades++;
            rejection = TradeRejection.Malformed;
            return null;
        }

        var minute = MinuteFloor(trade.TimestampMs);
        if (minute <= _lastEmittedMinute || (_trades > 0 && minute < _minute))
        {
            LateTrades++;
            rejection = TradeRejection.Late;
            return null;
        }

        rejection = TradeRejection.None;
        Bar? closed = null;
        if (_trades > 0 && minute > _minute)
        {
            closed = Emit();
        }

        var price = _tickSize is { } tick ? PriceGrid.Snap(trade.Price, tick) : trade.Price;
        if (_trades == 0)
        {
            _minute = minute;
            _open = _high = _low = price;
            _volume = _buy = _sell = default;
        }
        else
        {
            _high = Math.Max(_high, price);
            _low = Math.Min(_low, price);
        }

        _close = price;
        _volume.Add(trade.Quantity);
        if (trade.IsBuyerMaker)
        {
            _sell.Add(trade.Quantity);
        }
        else
        {
            _buy.Add(trade.Quantity);
        }

        _trades++;
        return closed;
    }

    /// <summary>The injected clock says it is <paramref name="nowMs"/>: emit the open bar if its minute has ended.</summary>
    public Bar? OnClock(long nowMs) =>
        _trades > 0 && nowMs >= _minute + Bar.MinuteMs ? Emit() : null;

    /// <summary>End of data (replay): emit whatever is open. Live code uses <see cref="OnClock"/> instead.</summary>
    public Bar? Flush() => _trades > 0 ? Emit() : null;

    public static long MinuteFloor(long timestampMs) =>
        timestampMs - (((timestampMs % Bar.MinuteMs) + Bar.MinuteMs) % Bar.MinuteMs);

    private Bar Emit()
    {
        var bar = new Bar(_minute, _open, _high, _low, _close, _volume.Sum, _buy.Sum, _sell.Sum, _trades);
        _lastEmittedMinute = _minute;
        _trades = 0;
        return bar;
    }
}

/// <summary>Kahan-compensated running sum (pandas' group_add).</summary>
internal struct KahanSum
{
    private double _compensation;

    public double Sum { get; private set; }

    public void Add(double value)
    {
        var y = value - _compensation;
        var t = Sum + y;
        _compensation = t - Sum - y;
        Sum = t;
    }
}
