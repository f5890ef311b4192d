using ActorBot.Venues.Binance.Streams;

namespace ActorBot.Venues.Simulator.Streams;

/// <summary>
/// What a WebSocket upgrade asks for, parsed from its path and query the way the venue routes them:
/// <c>/{public|market|private}/ws/…</c> (raw frames), <c>/{route}/stream?streams=…</c> (combined frames),
/// <c>/private/ws?listenKey=…&amp;events=…</c>, <c>/private/ws/&lt;listenKey&gt;</c>, and the retired root
/// (<c>/ws/…</c>, <c>/stream?…</c>, <see cref="Route"/> null), which Binance still accepts but only feeds
/// <c>/public</c> streams on.
/// </summary>
public sealed record StreamPath(StreamRouteKind? Route, bool Combined, IReadOnlyList<string> Streams, string? ListenKey, IReadOnlySet<string>? Events)
{
    public bool IsRetiredRoot => Route is null;

    /// <summary>Null when the path is not a stream URL at all (404).</summary>
    public static StreamPath? Parse(string path, Func<string, string?> query)
    {
        StreamRouteKind? route = null;
        foreach (var candidate in new[] { StreamRouteKind.Public, StreamRouteKind.Market, StreamRouteKind.Private })
        {
            var prefix = StreamRoute.PathOf(candidate);
            if (path == prefix + "/stream" || path == prefix + "/ws" || path.StartsWith(prefix + "/ws/", StringComparison.Ordinal))
            {
                route = candidate;
                path = path[prefix.Length..];
                break;
            }
        }

        var listenKey = query("listenKey");
        var events = query("events") is { Length: > 0 } e ? new HashSet<string>(e.Split('/', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal) : null;
        if (path == "/stream")
        {
            var streams = Split(query("streams"));
            return new StreamPath(route, true, streams, route == StreamRouteKind.Private ? listenKey : null, events);
        }

        if (path == "/ws" || path.StartsWith("/ws/", StringComparison.Ordinal))
        {
            var names = Split(path.Length > 4 ? path[4..] : string.Empty);
            if (route == StreamRouteKind.Private)
            {
                // Query form (documented) or the path form /private/ws/<listenKey>.
                return new StreamPath(route, false, [], listenKey ?? names.FirstOrDefault(), events);
            }

            return new StreamPath(route, false, names, null, null);
        }

        return null;
    }

    /// <summary>Whether a market stream delivers on this connection: only streams of its own route; on the retired root only /public ones.</summary>
    public static bool Delivers(StreamRouteKind? route, string stream)
    {
        var kind = StreamRoute.Classify(stream);
        return kind == (route ?? StreamRouteKind.Public) && kind != StreamRouteKind.Private;
    }

    private static List<string> Split(string? value) =>
        (value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
}
