namespace ActorBot.Venues.Binance.Streams;

/// <summary>WebSocket market-stream settings; defaults follow Binance's documented connection rules.</summary>
public sealed record MarketStreamOptions
{
    /// <summary>
    /// WS base without a path, e.g. <c>wss://fstream.binance.com</c> (testnet <c>wss://fstream.binancefuture.com</c>);
    /// the client appends the routed path per stream (<c>/public/stream?streams=…</c>, <c>/market/stream?streams=…</c>).
    /// </summary>
    public Uri BaseUri { get; init; } = new("wss://fstream.binance.com");

    /// <summary>A connect (TCP + TLS + upgrade) that takes longer is abandoned and retried.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A subscribed stream silent this long is stale: counted, reported, and the socket is recycled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Streams whose name ends with one of these are not stall-watched: sparse by nature (<c>@forceOrder</c> can be
    /// silent for minutes) or riding a socket whose busy stream is watched already.
    /// </summary>
    public IReadOnlyList<string> UnwatchedStreamSuffixes { get; init; } = [];

    /// <summary>Binance cuts connections at 24 h; reconnect on our own terms before that.</summary>
    public TimeSpan PlannedReconnectAfter { get; init; } = TimeSpan.FromHours(23.5);

    /// <summary>Protocol keep-alive (pong frames) towards the server.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromMinutes(3);
}
