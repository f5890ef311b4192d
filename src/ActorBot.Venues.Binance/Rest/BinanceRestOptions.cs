namespace ActorBot.Venues.Binance.Rest;

/// <summary>REST gateway settings. Defaults follow Binance's documented limits; the weight share leaves room for other bots on the same IP.</summary>
public sealed record BinanceRestOptions
{
    public Uri BaseAddress { get; init; } = new("https://fapi.binance.com");

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>recvWindow sent with signed requests (Binance advises ≤ 5000 ms).</summary>
    public long RecvWindowMs { get; init; } = 5000;

    /// <summary>Retries for idempotent requests after 5xx/timeouts (orders are never retried blindly).</summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Server-time offset older than this is refreshed before the next signed request.</summary>
    public TimeSpan ClockRefreshInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest Retry-After (429) the client waits out inside one call; longer ones are returned as RateLimited.</summary>
    public TimeSpan MaxInCallRateLimitWait { get; init; } = TimeSpan.FromSeconds(5);

    public int WeightLimitPerMinute { get; init; } = 2400;

    public double WeightShare { get; init; } = 0.5;

    /// <summary>The venue's weight window (Binance: one calendar minute); shorter only against a simulator configured so.</summary>
    public TimeSpan WeightWindow { get; init; } = TimeSpan.FromMinutes(1);
}
