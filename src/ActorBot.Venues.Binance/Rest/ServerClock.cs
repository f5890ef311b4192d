namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// Local estimate of the venue's clock: offset = server time − midpoint of the request's round trip.
/// Signed requests use <see cref="NowMs"/> so a drifting local clock does not produce −1021.
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ServerClock
{
    private readonly TimeProvider _time;
    private long _offsetMs;
    private DateTimeOffset? _lastSync;

    public ServerClock(TimeProvider time)
    {
        _time = time;
    }

    public long OffsetMs => Interlocked.Read(ref _offsetMs);

    public DateTimeOffset? LastSync => _lastSync;

    public long LocalNowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public long NowMs => LocalNowMs + OffsetMs;

    /// <summary>True when never synced or the last sync is older than <paramref name="maxAge"/>.</summary>
    public bool IsStale(TimeSpan maxAge) => _lastSync is not { } last || _time.GetUtcNow() - last > maxAge;

    public void Update(long requestSentLocalMs, long responseReceivedLocalMs, long serverTimeMs)
    {
        var midpoint = requestSentLocalMs + ((responseReceivedLocalMs - requestSentLocalMs) / 2);
        Interlocked.Exchange(ref _offsetMs, serverTimeMs - midpoint);
        _lastSync = _time.GetUtcNow();
    }
}
