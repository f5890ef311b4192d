using System.Net.WebSockets;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.UserData;

namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// The user-data stream: creates a listenKey over REST, connects the routed private base
/// (<c>/private/ws?listenKey=…&amp;events=…</c>, see <see cref="StreamRoute.PrivateUrl"/>), keeps the key
/// alive (PUT every <see cref="KeepAliveInterval"/>, 30 min by default), and starts over with a new key on
/// <c>listenKeyExpired</c>, on a keep-alive answered −1125, or when the socket drops. Events are decoded
/// (bad ones counted) and handed to the callback in arrival order.
/// </summary>
public sealed class UserDataStreamClient : IAsyncDisposable
{
    private readonly BinanceRestClient _rest;
    private readonly Uri _wsBase;
    private readonly UserDataDecoder _decoder;
    private readonly Func<UserDataEvent, ValueTask> _onEvent;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _keysCreated;
    private long _keepAlives;
    private long _connects;

    public UserDataStreamClient(BinanceRestClient rest, Uri wsBase, DecodeErrorCounter errors, Func<UserDataEvent, ValueTask> onEvent, TimeProvider? time = null)
    {
        _rest = rest;
        _wsBase = wsBase;
        _decoder = new UserDataDecoder(errors);
        _onEvent = onEvent;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The events asked for. The venue treats this as an allow list, so every type the adapter acts on is named,
    /// <c>listenKeyExpired</c> included (it is how a dead key is noticed).
    /// </summary>
    public IReadOnlyList<string> Events { get; init; } = DefaultEvents;

    public static IReadOnlyList<string> DefaultEvents { get; } =
        ["ORDER_TRADE_UPDATE", "ACCOUNT_UPDATE", "ALGO_UPDATE", "TRADE_LITE", "ACCOUNT_CONFIG_UPDATE", "MARGIN_CALL", "listenKeyExpired"];

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public long ListenKeysCreated => Interlocked.Read(ref _keysCreated);

    public long KeepAlives => Interlocked.Read(ref _keepAlives);

    public long Connects => Interlocked.Read(ref _connects);

    public string? CurrentListenKey { get; private set; }

    /// <summary>
    /// Called on the stream's loop after each successful connect, with the connect count (1 = first). Every connect
    /// after the first follows a gap (drop, expired key): events in between are lost, so the owner re-reads the
    /// account. Must not block (an actor only sends itself a message).
    /// </summary>
    public Action<long>? Connected { get; init; }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

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

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var created = await _rest.CreateListenKeyAsync(stop).ConfigureAwait(false);
            if (!created.IsSuccess)
            {
                await Task.Delay(RetryDelay, _time, stop).ConfigureAwait(false);
                continue;
            }

            Interlocked.Increment(ref _keysCreated);
            CurrentListenKey = created.Value!.ListenKey;
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(StreamRoute.PrivateUrl(_wsBase, CurrentListenKey, Events), stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && ex is not OperationCanceledException)
            {
                await Task.Delay(RetryDelay, _time, stop).ConfigureAwait(false);
                continue;
            }

            // Counted outside the null-conditional call: its argument is not evaluated when no one listens.
            var connects = Interlocked.Increment(ref _connects);
            Connected?.Invoke(connects);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var keepAlive = KeepAliveAsync(connection);
            try
            {
                await ReceiveAsync(socket, connection).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Dropped or expired: a new key and a new socket below.
            }
            finally
            {
                await connection.CancelAsync().ConfigureAwait(false);
                await keepAlive.ConfigureAwait(false);
            }
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationTokenSource connection)
    {
        var buffer = new byte[64 * 1024];
        while (!connection.IsCancellationRequested)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (count == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(count), connection.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (_decoder.TryDecode(buffer.AsSpan(0, count), out var ev, out _))
            {
                await _onEvent(ev!).ConfigureAwait(false);
                if (ev is ListenKeyExpired)
                {
                    return;
                }
            }
        }
    }

    private async Task KeepAliveAsync(CancellationTokenSource connection)
    {
        try
        {
            while (!connection.IsCancellationRequested)
            {
                await Task.Delay(KeepAliveInterval, _time, connection.Token).ConfigureAwait(false);
                var answer = await _rest.KeepAliveListenKeyAsync(connection.Token).ConfigureAwait(false);
                if (answer.IsSuccess)
                {
                    Interlocked.Increment(ref _keepAlives);
                }
                else if (answer.Error?.Code == BinanceError.ListenKeyNotFound)
                {
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
}
