namespace ActorBot.Domain.Barriers;

/// <summary>
/// The barrier trade state machine (SPEC §6.1), one bar at a time. Per bar, in this order: update
/// MFE/MAE (in R, exit bar included); if open: TP touched → exit at TP, else SL touched → exit at SL,
/// else BE trigger touched → breakeven locked, active from the NEXT bar; if breakeven-locked: TP
/// touched → exit at TP, else entry touched → exit at r = 0. TP wins ties. After
/// <see cref="BarrierGeometry.HorizonBars"/> bars without exit: r = (close − entry)·side / R, floored
/// at 0 if breakeven was triggered. No fees, no slippage — those belong to the fill model.
/// Which bars are fed (from the event bar, or from the next bar) is the caller's choice; see
/// <see cref="LabelSimulator"/>.
/// </summary>
public sealed class BarrierTrade
{
    private readonly BarrierGeometry _g;
    private readonly double _rDivisor;
    private bool _breakevenLocked;
    private double _mfe;
    private double _mae;
    private int _bars;

    public BarrierTrade(int side, double entryPrice, double atr, BarrierGeometry geometry)
    {
        if (side is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(side), $"Side must be +1 or -1, got {side}.");
        }

        if (!double.IsFinite(entryPrice) || entryPrice <= 0 || !double.IsFinite(atr) || atr <= 0)
        {
            throw new ArgumentException($"Entry price {entryPrice} and ATR {atr} must be positive and finite.");
        }

        _g = geometry.Validate();
        Side = side;
        Entry = entryPrice;
        R = geometry.RiskKAtr * atr;
        _rDivisor = Math.Max(R, 1e-8);
        StopPrice = entryPrice - (side * (geometry.StopR * R));
        TakeProfitPrice = entryPrice + (side * (geometry.TakeProfitR * R));
        BreakevenTriggerPrice = geometry.BreakevenR is { } be ? entryPrice + (side * (be * R)) : double.NaN;
    }

    public int Side { get; }

    public double Entry { get; }

    public double R { get; }

    public double StopPrice { get; }

    public double TakeProfitPrice { get; }

    public double BreakevenTriggerPrice { get; }

    public bool BreakevenLocked => _breakevenLocked;

    public TradeOutcome? Outcome { get; private set; }

    /// <summary>Feeds one bar; returns the outcome if the trade ended on it (then ignores further bars).</summary>
    public TradeOutcome? OnBar(long openTimeMs, double high, double low, double close)
    {
        if (Outcome is not null)
        {
            return Outcome;
        }

        _bars++;
        var fav = Side == 1 ? (high - Entry) / _rDivisor : (Entry - low) / _rDivisor;
        var adv = Side == 1 ? (low - Entry) / _rDivisor : (Entry - high) / _rDivisor;
        _mfe = Math.Max(_mfe, fav);
        _mae = Math.Min(_mae, adv);

        var tpTouched = Side == 1 ? high >= TakeProfitPrice : low <= TakeProfitPrice;
        if (tpTouched)
        {
            return Finish(RAt(TakeProfitPrice), ExitReason.TakeProfit, openTimeMs, TakeProfitPrice);
        }

        if (!_breakevenLocked)
        {
            var slTouched = Side == 1 ? low <= StopPrice : high >= StopPrice;
            if (slTouched)
            {
                return Finish(RAt(StopPrice), ExitReason.StopLoss, openTimeMs, StopPrice);
            }

            var beTouched = !double.IsNaN(BreakevenTriggerPrice) && (Side == 1 ? high >= BreakevenTriggerPrice : low <= BreakevenTriggerPrice);
            if (beTouched)
            {
                _breakevenLocked = true;
            }
        }
        else
        {
            var entryTouched = Side == 1 ? low <= Entry : high >= Entry;
            if (entryTouched)
            {
                return Finish(0.0, ExitReason.Breakeven, openTimeMs, Entry);
            }
        }

        if (_g.HorizonReached(_bars))
        {
            return TimeOut(openTimeMs, close);
        }

        return null;
    }

    /// <summary>Closes at <paramref name="close"/> as a horizon exit (end of data or end of path).</summary>
    public TradeOutcome TimeOut(long openTimeMs, double close)
    {
        if (Outcome is not null)
        {
            return Outcome;
        }

        var r = RAt(close);
        if (_breakevenLocked && r < 0)
        {
            r = 0.0;
        }

        return Finish(r, ExitReason.Horizon, openTimeMs, close);
    }

    private double RAt(double price) => (price - Entry) * Side / _rDivisor;

    private TradeOutcome Finish(double r, ExitReason reason, long time, double price)
    {
        Outcome = new TradeOutcome(r, _mfe, _mae, reason, time, price, _breakevenLocked, _bars);
        return Outcome;
    }
}
