namespace ActorBot.Engine.Venues;

/// <summary>
/// Thins market data for the bot: per symbol, at most one event per <c>interval</c> of EVENT time (not wall
/// time, so replay at any speed and live data thin alike). The bot only needs "data is fresh" — flooding it
/// with every trade would cost mailbox time for nothing. Pure and single-threaded: owned by the stream loop.
/// </summary>
public sealed class AggTradeThrottle
{
    private readonly long _intervalMs;
    private readonly Dictionary<string, long> _lastEmittedMs = new(StringComparer.Ordinal);

    public AggTradeThrottle(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _intervalMs = (long)interval.TotalMilliseconds;
    }

    /// <summary>True when this event should reach the bot: the symbol's first, or one <c>interval</c> after the last emitted.</summary>
    public bool ShouldEmit(string symbol, long eventTimeMs)
    {
        if (_lastEmittedMs.TryGetValue(symbol, out var last) && eventTimeMs - last < _intervalMs && eventTimeMs >= last)
        {
            return false;
        }

        // A clock going backwards (venue restart, replay from the start) re-arms the symbol rather than
        // silencing it until the old time is reached again.
        _lastEmittedMs[symbol] = eventTimeMs;
        return true;
    }
}
