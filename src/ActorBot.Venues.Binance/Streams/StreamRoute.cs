using System.Text;

namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// Pure routing rules for USDⓈ-M streams: which base a stream name belongs to, and the URLs of the two access
/// modes (ws mode: streams in the path; stream mode: <c>?streams=</c>, frames wrapped as
/// <c>{"stream":…,"data":…}</c>). The configured base has no path (<c>wss://fstream.binance.com</c>,
/// testnet <c>wss://fstream.binancefuture.com</c>); the route is appended here. A stream sent to the wrong
/// base is not refused by the venue, it is silently never delivered — hence one classifier used by every client.
/// </summary>
public static class StreamRoute
{
    /// <summary>
    /// Classifies a stream name. Depth (every <c>@depth…</c> variant) and book tickers are high-frequency
    /// <c>/public</c> data; any other <c>symbol@…</c> or <c>!…</c> stream is <c>/market</c>; a bare token (a
    /// listenKey) is <c>/private</c>.
    /// </summary>
    public static StreamRouteKind Classify(string stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        var at = stream.IndexOf('@');
        if (at < 0)
        {
            // "!bookTicker" is the all-market book ticker; any other "!x" without '@' is not a known stream,
            // and a bare token without '!' is a listenKey.
            return stream == "!bookTicker" ? StreamRouteKind.Public : stream[0] == '!' ? StreamRouteKind.Market : StreamRouteKind.Private;
        }

        var kind = stream[(at + 1)..];
        return kind.StartsWith("depth", StringComparison.Ordinal) || kind.StartsWith("rpiDepth", StringComparison.Ordinal) || kind == "bookTicker"
            ? StreamRouteKind.Public
            : StreamRouteKind.Market;
    }

    /// <summary>The path segment of a route: <c>/public</c>, <c>/market</c> or <c>/private</c>.</summary>
    public static string PathOf(StreamRouteKind route) => route switch
    {
        StreamRouteKind.Public => "/public",
        StreamRouteKind.Market => "/market",
        StreamRouteKind.Private => "/private",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    /// <summary>ws mode: <c>{base}/{route}/ws/a/b</c>; frames arrive without the stream envelope.</summary>
    public static Uri WsUrl(Uri baseUri, StreamRouteKind route, IEnumerable<string> streams) =>
        Build(baseUri, PathOf(route) + "/ws/" + string.Join('/', streams), query: null);

    /// <summary>stream mode: <c>{base}/{route}/stream?streams=a/b</c>; frames carry <c>{"stream","data"}</c>.</summary>
    public static Uri StreamUrl(Uri baseUri, StreamRouteKind route, IEnumerable<string> streams) =>
        Build(baseUri, PathOf(route) + "/stream", "streams=" + string.Join('/', streams));

    /// <summary>
    /// The user-data socket: <c>{base}/private/ws?listenKey=K&amp;events=E1/E2</c>. <c>events</c> is an allow list
    /// on the venue: an event type not named here is never delivered.
    /// </summary>
    public static Uri PrivateUrl(Uri baseUri, string listenKey, IEnumerable<string> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenKey);
        var query = new StringBuilder("listenKey=").Append(Uri.EscapeDataString(listenKey));
        var names = string.Join('/', events);
        if (names.Length > 0)
        {
            query.Append("&events=").Append(names);
        }

        return Build(baseUri, PathOf(StreamRouteKind.Private) + "/ws", query.ToString());
    }

    /// <summary>Groups stream names by route, keeping their order within a route.</summary>
    public static IReadOnlyDictionary<StreamRouteKind, IReadOnlyList<string>> Group(IEnumerable<string> streams) =>
        streams.GroupBy(Classify).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.ToList());

    private static Uri Build(Uri baseUri, string path, string? query)
    {
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != "ws" && baseUri.Scheme != "wss"))
        {
            throw new ArgumentException($"WebSocket base must be an absolute ws:// or wss:// URI (got {baseUri})", nameof(baseUri));
        }

        // A base configured with a trailing slash (or a proxy prefix) keeps its path; the route follows it.
        var builder = new UriBuilder(baseUri)
        {
            Path = baseUri.AbsolutePath.TrimEnd('/') + path,
            Query = query ?? string.Empty,
        };
        return builder.Uri;
    }
}
