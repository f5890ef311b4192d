using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorBot.Venues.Binance.Decoding;

namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// Binance combined-stream WebSocket client: one socket per routed base in use (<see cref="StreamRoute"/>:
/// depth and book tickers on <c>/public</c>, the rest on <c>/market</c>; the retired root is never used),
/// subscribe/unsubscribe at run time, reconnect with exponential
/// backoff and jitter, a planned reconnect before the 24 h cut, and a per-stream watchdog that notices a
/// silent stream on a socket that still looks connected. After a reconnect every stream is "unproven" until
/// data arrives on it (<see cref="StreamProven"/>). Frames are handed to the callback from a reused buffer,
/// envelope included; the callback must copy what it keeps. The callback is awaited before the next frame
/// is read, so a REST backfill inside it keeps the stream in order.
/// </summary>
public sealed class MarketStreamClient : IAsyncDisposable
{
    /// <summary>The decode-error source of a frame that is not a JSON object (no stream to hand it to).</summary>
    public const string FrameSource = "ws.frame";

    private readonly MarketStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _jitter;
    private readonly Func<string, ReadOnlyMemory<byte>, ValueTask> _onFrame;
    private readonly SymbolInterner _streamNames = new();
    private readonly object _gate = new();
    private readonly HashSet<string> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unproven = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<StreamRouteKind, RouteConnection> _routes = new();
    private readonly DecodeErrorCounter? _errors;
    private bool _started;
    private int _nextId;
    private long _connects;
    private long _connectFailures;
    private long _attempts;
    private long _stalls;
    private long _frames;

    /// <param name="errors">counts frames that are not a JSON object at all (source <c>ws.frame</c>): they carry no stream
    /// name, so no payload decoder ever sees them. Null: not counted.</param>
    public MarketStreamClient(MarketStreamOptions options, IEnumerable<string> streams, Func<string, ReadOnlyMemory<byte>, ValueTask> onFrame, TimeProvider? time = null, Random? jitter = null, DecodeErrorCounter? errors = null)
    {
        _errors = errors;
        _options = options;
        _onFrame = onFrame;
        _time = time ?? TimeProvider.System;
        _jitter = jitter ?? new Random();
        foreach (var s in streams)
        {
            // Stream names are case-sensitive after the symbol ("btcusdt@aggTrade"): used verbatim.
            _streams.Add(s);
        }
    }

    /// <summary>Raised after each successful connect (1 = first).</summary>
    public event Action<long>? Connected;

    /// <summary>Raised when a stream went silent past <see cref="MarketStreamOptions.StallTimeout"/>.</summary>
    public event Action<string>? StreamStale;

    /// <summary>Raised when the first frame of a stream arrives after a (re)connect: the subscription works.</summary>
    public event Action<string>? StreamProven;

    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connects beyond the first of each route.</summary>
    public long Reconnects
    {
        get
        {
            lock (_gate)
            {
                return _routes.Values.Sum(r => Math.Max(0, Interlocked.Read(ref r.Connects) - 1));
            }
        }
    }

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public long ConnectAttempts => Interlocked.Read(ref _attempts);

    public long StallsDetected => Interlocked.Read(ref _stalls);

    public long FramesReceived => Interlocked.Read(ref _frames);

    /// <summary>True when every route in use has an open socket.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _routes.Count > 0 && _routes.Values.All(r => r.Socket?.State == WebSocketState.Open);
            }
        }
    }

    /// <summary>The routes with a connection loop (one socket each).</summary>
    public IReadOnlyCollection<StreamRouteKind> Routes
    {
        get
        {
            lock (_gate)
            {
                return _routes.Keys.ToList();
            }
        }
    }

    /// <summary>The last connect or receive failure (for the probe and doctor); null when none yet.</summary>
    public string? LastError { get; private set; }

    /// <summary>Starts one connection loop per route of the current streams (once).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            foreach (var route in _streams.Select(StreamRoute.Classify).Distinct().ToList())
            {
                EnsureRoute(route);
            }
        }
    }

    /// <summary>Adds a stream now (SUBSCRIBE on the live socket) and on every reconnect.</summary>
    public Task SubscribeAsync(string stream) => ChangeAsync("SUBSCRIBE", stream, add: true);

    public Task UnsubscribeAsync(string stream) => ChangeAsync("UNSUBSCRIBE", stream, add: false);

    /// <summary>Recycles every socket now (used for the planned 24 h reconnect and on a stall).</summary>
    public void Recycle()
    {
        List<RouteConnection> routes;
        lock (_gate)
        {
            routes = _routes.Values.ToList();
        }

        foreach (var route in routes)
        {
            route.Connection?.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        List<Task> loops;
        lock (_gate)
        {
            loops = _routes.Values.Select(r => r.Loop).OfType<Task>().ToList();
        }

        foreach (var loop in loops)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
    }

    private async Task ChangeAsync(string method, string stream, bool add)
    {
        var name = stream;
        var route = StreamRoute.Classify(name);
        ClientWebSocket? socket = null;
        lock (_gate)
        {
            if (add)
            {
                _streams.Add(name);
                _unproven.Add(name);
                _lastSeen[name] = _time.GetTimestamp();
            }
            else
            {
                _streams.Remove(name);
                _lastSeen.Remove(name);
                _unproven.Remove(name);
            }

            if (_routes.TryGetValue(route, out var connection))
            {
                socket = connection.Socket;
            }
            else if (add && _started)
            {
                // First stream of a route not yet in use: its own socket, which subscribes it in the URL.
                EnsureRoute(route);
                return;
            }
        }

        if (socket?.State == WebSocketState.Open)
        {
            var message = $"{{\"method\":\"{method}\",\"params\":[\"{name}\"],\"id\":{Interlocked.Increment(ref _nextId)}}}";
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the loop of <paramref name="route"/> unless it runs already. Caller holds <see cref="_gate"/>.</summary>
    private void EnsureRoute(StreamRouteKind route)
    {
        if (_routes.ContainsKey(route))
        {
            return;
        }

        var connection = new RouteConnection(route);
        _routes[route] = connection;
        connection.Loop = Task.Run(async () =>
        {
            try
            {
                await RunAsync(connection, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LastError = $"loop {route}: {ex}";
                throw;
            }
        });
    }

    private string[] StreamsOf(StreamRouteKind route)
    {
        lock (_gate)
        {
            return _streams.Where(s => StreamRoute.Classify(s) == route).ToArray();
        }
    }

    private async Task RunAsync(RouteConnection route, CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
            var uri = StreamRoute.StreamUrl(_options.BaseUri, route.Route, StreamsOf(route.Route));
            Interlocked.Increment(ref _attempts);
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                connectTimeout.CancelAfter(_options.ConnectTimeout);
                await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                LastError = $"connect: {ex.GetType().Name}: {ex.Message}";
                Interlocked.Increment(ref _connectFailures);
                await Task.Delay(Backoff(failures++), _time, stop).ConfigureAwait(false);
                continue;
            }

            failures = 0;
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
            lock (_gate)
            {
                route.Socket = socket;
                route.Connection = connection;
                var now = _time.GetTimestamp();
                foreach (var s in _streams.Where(s => StreamRoute.Classify(s) == route.Route))
                {
                    _unproven.Add(s);
                    _lastSeen[s] = now;
                }
            }

            // Count first: a null-conditional call would skip evaluating its argument.
            Interlocked.Increment(ref route.Connects);
            var connects = Interlocked.Increment(ref _connects);
            Connected?.Invoke(connects);
            var watchdog = WatchdogAsync(route.Route, connection);
            try
            {
                await ReceiveAsync(socket, connection.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Dropped, stalled or planned: reconnect below (unless stopping).
                LastError = $"receive: {ex.GetType().Name}: {ex.Message}";
            }
            finally
            {
                await connection.CancelAsync().ConfigureAwait(false);
                await watchdog.ConfigureAwait(false);
                lock (_gate)
                {
                    route.Socket = null;
                    route.Connection = null;
                }
            }

            if (!stop.IsCancellationRequested)
            {
                // A small jittered pause even after a clean cut keeps a fleet of bots from reconnecting in lockstep.
                await Task.Delay(Backoff(0), _time, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var connectedAt = _time.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (count == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(count), ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                count += result.Count;
            }
            while (!result.EndOfMessage);

            var frame = buffer.AsMemory(0, count);
            var stream = StreamOf(frame.Span, out var malformed);
            if (malformed)
            {
                // Scenario 7 found these dropped uncounted: a corrupted frame must show in decode_errors_total.
                _errors?.Record(new DecodeError(FrameSource, DecodeErrorReason.MalformedJson, "$"));
            }

            if (stream is not null)
            {
                Interlocked.Increment(ref _frames);
                bool proven;
                lock (_gate)
                {
                    _lastSeen[stream] = _time.GetTimestamp();
                    proven = _unproven.Remove(stream);
                }

                if (proven)
                {
                    StreamProven?.Invoke(stream);
                }

                await _onFrame(stream, frame).ConfigureAwait(false);
            }

            if (_time.GetElapsedTime(connectedAt) > _options.PlannedReconnectAfter)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "planned reconnect", CancellationToken.None).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task WatchdogAsync(StreamRouteKind route, CancellationTokenSource connection)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, _options.StallTimeout.Ticks / 4));
        try
        {
            while (!connection.IsCancellationRequested)
            {
                await Task.Delay(period, _time, connection.Token).ConfigureAwait(false);
                string? stale = null;
                lock (_gate)
                {
                    foreach (var (stream, seen) in _lastSeen)
                    {
                        // Each socket watches its own route: a stall elsewhere is that socket's business.
                        if (StreamRoute.Classify(stream) == route && !Unwatched(stream) && _time.GetElapsedTime(seen) > _options.StallTimeout)
                        {
                            stale = stream;
                            break;
                        }
                    }
                }

                if (stale is not null)
                {
                    Interlocked.Increment(ref _stalls);
                    StreamStale?.Invoke(stale);
                    await connection.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Connection ended.
        }
    }

    private bool Unwatched(string stream)
    {
        foreach (var suffix in _options.UnwatchedStreamSuffixes)
        {
            if (stream.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = _options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16));
        var capped = Math.Min(exponential, _options.ReconnectMaxDelay.TotalMilliseconds);
        double factor;
        lock (_jitter)
        {
            factor = 0.5 + (_jitter.NextDouble() * 0.5);
        }

        return TimeSpan.FromMilliseconds(capped * factor);
    }

    /// <summary>
    /// The <c>stream</c> member of a combined frame (null for control answers such as <c>{"result":null,"id":1}</c>);
    /// <paramref name="malformed"/>: the frame is not a JSON object, or breaks before its stream name.
    /// </summary>
    private string? StreamOf(ReadOnlySpan<byte> frame, out bool malformed)
    {
        malformed = false;
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                malformed = true;
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? _streamNames.Intern(reader.ValueSpan) : null;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON before the stream name: no decoder downstream will see it, so it is counted here.
            malformed = true;
        }

        return null;
    }
}
