using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorBot.Venues.Binance.Decoding;

namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// Binance combined-stream WebSocket client: subscribe/unsubscribe at run time, reconnect with exponential
/// backoff and jitter, a planned reconnect before the 24 h cut, and a per-stream watchdog that notices a
/// silent stream on a socket that still looks connected. After a reconnect every stream is "unproven" until
/// data arrives on it (<see cref="StreamProven"/>). Frames are handed to the callback from a reused buffer,
/// envelope included; the callback must copy what it keeps. The callback is awaited before the next frame
/// is read, so a REST backfill inside it keeps the stream in order.
/// </summary>
public sealed class MarketStreamClient : IAsyncDisposable
{
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
    private ClientWebSocket? _socket;
    private CancellationTokenSource? _connection;
    private Task? _loop;
    private int _nextId;
    private long _connects;
    private long _connectFailures;
    private long _attempts;
    private long _stalls;
    private long _frames;

    public MarketStreamClient(MarketStreamOptions options, IEnumerable<string> streams, Func<string, ReadOnlyMemory<byte>, ValueTask> onFrame, TimeProvider? time = null, Random? jitter = null)
    {
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

    public long Reconnects => Math.Max(0, Connects - 1);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public long ConnectAttempts => Interlocked.Read(ref _attempts);

    public long StallsDetected => Interlocked.Read(ref _stalls);

    public long FramesReceived => Interlocked.Read(ref _frames);

    public bool IsConnected => _socket?.State == WebSocketState.Open;

    /// <summary>The last connect or receive failure (for the probe and doctor); null when none yet.</summary>
    public string? LastError { get; private set; }

    public void Start() => _loop ??= Task.Run(async () =>
    {
        try
        {
            await RunAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LastError = $"loop: {ex}";
            throw;
        }
    });

    /// <summary>Adds a stream now (SUBSCRIBE on the live socket) and on every reconnect.</summary>
    public Task SubscribeAsync(string stream) => ChangeAsync("SUBSCRIBE", stream, add: true);

    public Task UnsubscribeAsync(string stream) => ChangeAsync("UNSUBSCRIBE", stream, add: false);

    /// <summary>Recycles the socket now (used for the planned 24 h reconnect and on a stall).</summary>
    public void Recycle() => _connection?.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
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
        }

        var socket = _socket;
        if (socket?.State == WebSocketState.Open)
        {
            var message = $"{{\"method\":\"{method}\",\"params\":[\"{name}\"],\"id\":{Interlocked.Increment(ref _nextId)}}}";
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
            string[] streams;
            lock (_gate)
            {
                streams = _streams.ToArray();
            }

            var uri = new Uri(_options.BaseUri, "/stream?streams=" + string.Join('/', streams));
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
            _socket = socket;
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
            _connection = connection;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                foreach (var s in _streams)
                {
                    _unproven.Add(s);
                    _lastSeen[s] = now;
                }
            }

            // Count first: a null-conditional call would skip evaluating its argument.
            var connects = Interlocked.Increment(ref _connects);
            Connected?.Invoke(connects);
            var watchdog = WatchdogAsync(connection);
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
                _socket = null;
                _connection = null;
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
            var stream = StreamOf(frame.Span);
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

    private async Task WatchdogAsync(CancellationTokenSource connection)
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
                        if (_time.GetElapsedTime(seen) > _options.StallTimeout)
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

    /// <summary>The <c>stream</c> member of a combined frame (null for control answers such as <c>{"result":null,"id":1}</c>).</summary>
    private string? StreamOf(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
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
            // Not JSON: ignored (decoders downstream count real payload errors).
        }

        return null;
    }
}
