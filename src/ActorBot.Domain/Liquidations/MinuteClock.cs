namespace ActorBot.Domain.Liquidations;

/// <summary>
/// A symbol's minute clock (moonstream SPEC §15.2): folds its trades and open-interest samples into minutes and
/// emits exactly one <see cref="MinuteClosed"/> per completed minute, keyed by that minute. A minute closes when a
/// trade of a later minute arrives, or when the caller's timer passes its end plus <c>closeGraceMs</c> (so a quiet
/// market still rolls). Pure: the caller supplies every time.
/// </summary>
public sealed class MinuteClock
{
    private const long MinuteMs = 60_000;

    private readonly string _symbol;
    private readonly long _closeGraceMs;
    private readonly int _maxFlatMinutes;
    private readonly List<(long Ts, double Oi)> _oiSamples = [];

    private long _minute = long.MinValue;
    private double _open;
    private double _high;
    private double _low;
    private double _close;
    private double _buyUsd;
    private double _sellUsd;
    private int _trades;
    private double? _lastOi;

    /// <param name="symbol">The symbol every emitted minute names.</param>
    /// <param name="closeGraceMs">How long after a minute's end the timer waits for its last trades.</param>
    /// <param name="maxFlatMinutes">Most quiet minutes emitted flat in one step; a longer silence is a feed gap, not a market.</param>
    public MinuteClock(string symbol, long closeGraceMs = 2_000, int maxFlatMinutes = 5)
    {
        _symbol = symbol;
        _closeGraceMs = closeGraceMs;
        _maxFlatMinutes = maxFlatMinutes;
    }

    /// <summary>Trades of a minute already closed (they arrived after the grace); not folded in.</summary>
    public long LateTrades { get; private set; }

    /// <summary>Minutes of silence not emitted because the silence was longer than <c>maxFlatMinutes</c>.</summary>
    public long SkippedMinutes { get; private set; }

    /// <summary>The start of the open minute (epoch ms), or null before the first trade.</summary>
    public long? OpenMinuteMs => _minute == long.MinValue ? null : _minute;

    /// <summary>One aggregate trade; the taker bought when the buyer was not the maker.</summary>
    public IReadOnlyList<MinuteClosed> OnTrade(long timeMs, double price, double quantity, bool buyerIsMaker)
    {
        if (!double.IsFinite(price) || price <= 0 || !double.IsFinite(quantity) || quantity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(price), $"Trade price {price} / quantity {quantity} is not valid.");
        }

        var minute = Floor(timeMs);
        var closed = new List<MinuteClosed>();
        if (_minute == long.MinValue)
        {
            Start(minute, price);
        }
        else if (minute < _minute)
        {
            LateTrades++;
            return closed;
        }
        else if (minute > _minute)
        {
            CloseThrough(minute, closed);
            Start(minute, _close);
        }

        if (_trades == 0)
        {
            _open = price;
            _high = price;
            _low = price;
        }

        _high = Math.Max(_high, price);
        _low = Math.Min(_low, price);
        _close = price;
        _trades++;
        var usd = price * quantity;
        if (buyerIsMaker)
        {
            _sellUsd += usd;
        }
        else
        {
            _buyUsd += usd;
        }

        return closed;
    }

    /// <summary>An open-interest sample (base units) observed at <paramref name="timeMs"/>.</summary>
    public void OnOpenInterest(long timeMs, double openInterest)
    {
        if (!double.IsFinite(openInterest) || openInterest < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(openInterest), $"Open interest {openInterest} is not valid.");
        }

        _oiSamples.Add((timeMs, openInterest));
    }

    /// <summary>The timer: closes the open minute (and quiet minutes after it) once their end plus the grace has passed.</summary>
    public IReadOnlyList<MinuteClosed> Advance(long nowMs)
    {
        var closed = new List<MinuteClosed>();
        if (_minute == long.MinValue)
        {
            return closed;
        }

        var firstOpen = Floor(nowMs - _closeGraceMs);
        if (firstOpen > _minute)
        {
            CloseThrough(firstOpen, closed);
            Start(firstOpen, _close);
        }

        return closed;
    }

    private void CloseThrough(long nextMinute, List<MinuteClosed> closed)
    {
        closed.Add(Emit(_minute));
        var quiet = (nextMinute - _minute - MinuteMs) / MinuteMs;
        var flat = Math.Min(quiet, _maxFlatMinutes);
        for (long i = 1; i <= flat; i++)
        {
            Start(_minute + MinuteMs, _close);
            closed.Add(Emit(_minute));
        }

        SkippedMinutes += quiet - flat;
    }

    private MinuteClosed Emit(long minute)
    {
        var end = minute + MinuteMs;
        var taken = 0;
        for (var i = 0; i < _oiSamples.Count && _oiSamples[i].Ts < end; i++)
        {
            _lastOi = _oiSamples[i].Oi;
            taken = i + 1;
        }

        _oiSamples.RemoveRange(0, taken);
        return new MinuteClosed(_symbol, minute, _open, _high, _low, _close, _buyUsd, _sellUsd, _trades, _lastOi);
    }

    private void Start(long minute, double lastPrice)
    {
        _minute = minute;
        _open = lastPrice;
        _high = lastPrice;
        _low = lastPrice;
        _close = lastPrice;
        _buyUsd = 0;
        _sellUsd = 0;
        _trades = 0;
    }

    private static long Floor(long ms) => ms - (((ms % MinuteMs) + MinuteMs) % MinuteMs);
}
