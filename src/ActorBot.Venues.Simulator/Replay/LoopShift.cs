using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Simulator.Replay;

/// <summary>
/// How far a looped pass of recorded aggTrades moves: later in time by the previous passes' spans (whole minutes, so
/// every trade stays in its bar) and up in ids by the ids they used (so the aggregate-id sequence never goes back or
/// gaps, which a client would treat as a replay or a loss). Pass 0 is unchanged.
/// </summary>
public sealed class LoopShift
{
    private const long MinuteMs = 60_000;
    private readonly Dictionary<string, (long First, long Last)> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _idShift = new(StringComparer.Ordinal);
    private long _firstTimeMs = long.MaxValue;
    private long _lastTimeMs = long.MinValue;

    /// <summary>Milliseconds added to this pass's times.</summary>
    public long TimeShiftMs { get; private set; }

    public AggTrade Apply(AggTrade recorded)
    {
        _firstTimeMs = Math.Min(_firstTimeMs, recorded.TradeTimeMs);
        _lastTimeMs = Math.Max(_lastTimeMs, recorded.TradeTimeMs);
        _ids[recorded.Symbol] = _ids.TryGetValue(recorded.Symbol, out var seen)
            ? (Math.Min(seen.First, recorded.AggregateTradeId), Math.Max(seen.Last, recorded.AggregateTradeId))
            : (recorded.AggregateTradeId, recorded.AggregateTradeId);
        var ids = _idShift.GetValueOrDefault(recorded.Symbol);
        if (TimeShiftMs == 0 && ids == 0)
        {
            return recorded;
        }

        return recorded with
        {
            EventTimeMs = recorded.EventTimeMs + TimeShiftMs,
            TradeTimeMs = recorded.TradeTimeMs + TimeShiftMs,
            AggregateTradeId = recorded.AggregateTradeId + ids,
            FirstTradeId = recorded.FirstTradeId + ids,
            LastTradeId = recorded.LastTradeId + ids,
        };
    }

    /// <summary>Called when a pass ends: the next one starts after it, in time and in ids.</summary>
    public void NextPass()
    {
        if (_lastTimeMs < _firstTimeMs)
        {
            return;
        }

        // One whole minute past the span, so the next pass's first trade opens a new bar after the last one.
        TimeShiftMs += ((_lastTimeMs - _firstTimeMs) / MinuteMs + 1) * MinuteMs;
        foreach (var (symbol, (first, last)) in _ids)
        {
            _idShift[symbol] = _idShift.GetValueOrDefault(symbol) + (last - first + 1);
        }

        _ids.Clear();
        _firstTimeMs = long.MaxValue;
        _lastTimeMs = long.MinValue;
    }
}
