using System.Net.WebSockets;

namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// The live socket of one routed base inside <see cref="MarketStreamClient"/>: streams of different routes
/// cannot share a connection, so the client keeps one of these per route in use.
/// </summary>
internal sealed class RouteConnection(StreamRouteKind route)
{
    public StreamRouteKind Route { get; } = route;

    public ClientWebSocket? Socket { get; set; }

    public CancellationTokenSource? Connection { get; set; }

    public Task? Loop { get; set; }

    /// <summary>Successful connects of this route (the first is not a reconnect).</summary>
    public long Connects;
}
