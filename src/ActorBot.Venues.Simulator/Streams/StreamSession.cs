using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using ActorBot.Venues.Binance.Streams;

namespace ActorBot.Venues.Simulator.Streams;

/// <summary>One WebSocket client: its subscriptions, whether frames are wrapped as combined-stream frames, and its outbox.</summary>
public sealed class StreamSession
{
    private readonly HashSet<string> _streams = new(StringComparer.Ordinal);
    private readonly Channel<string> _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    // Guards the connection's lifetime: an abort and the end of the request never overlap, so the
    // connection (an HttpContext) is never aborted after Kestrel has recycled it.
    private readonly Lock _lifetime = new();
    private readonly Action _abortConnection;
    private bool _ended;

    public StreamSession(WebSocket socket, bool combined, string? listenKey, Action? abortConnection = null, StreamRouteKind? route = null, IReadOnlySet<string>? events = null)
    {
        Route = route;
        Events = events;
        _abortConnection = abortConnection ?? socket.Abort;
        Socket = socket;
        Combined = combined;
        ListenKey = listenKey;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public WebSocket Socket { get; }

    public bool Combined { get; }

    /// <summary>Set for user-data sessions (<c>/ws/&lt;listenKey&gt;</c>).</summary>
    public string? ListenKey { get; }

    /// <summary>The routed base the client connected to; null for the retired root.</summary>
    public StreamRouteKind? Route { get; }

    /// <summary>User-data event allow list (<c>events=</c>); null delivers every event.</summary>
    public IReadOnlySet<string>? Events { get; }

    public IReadOnlyCollection<string> Streams
    {
        get
        {
            lock (_streams)
            {
                return _streams.ToList();
            }
        }
    }

    /// <summary>
    /// Subscribes, as the venue does, even to a stream this base never feeds: the subscription is accepted
    /// and listed, it just never delivers (see <see cref="IsSubscribed"/>).
    /// </summary>
    public void Subscribe(string stream)
    {
        lock (_streams)
        {
            _streams.Add(stream);
        }
    }

    public void Unsubscribe(string stream)
    {
        lock (_streams)
        {
            _streams.Remove(stream);
        }
    }

    /// <summary>True when frames of <paramref name="stream"/> are delivered here: subscribed and routed to this base.</summary>
    public bool IsSubscribed(string stream)
    {
        lock (_streams)
        {
            return _streams.Contains(stream) && StreamPath.Delivers(Route, stream);
        }
    }

    public void Enqueue(string frame) => _outbox.Writer.TryWrite(frame);

    /// <summary>Frames queued for this socket (the replay at max speed waits on it instead of dropping).</summary>
    public int Backlog => _outbox.Reader.Count;

    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>
    /// Kills the TCP connection (fault injection: dropped socket; shutdown) unless its request has already
    /// ended. Returns whether it aborted a live connection.
    /// </summary>
    public bool TryAbort()
    {
        lock (_lifetime)
        {
            if (_ended)
            {
                return false;
            }

            _abortConnection();
            return true;
        }
    }

    /// <summary>
    /// The request serving this session is ending: from now on nothing may touch its connection. Waits for an
    /// abort in progress to finish, so the request cannot complete (and its context be disposed) under it.
    /// </summary>
    public void End()
    {
        lock (_lifetime)
        {
            _ended = true;
        }

        Complete();
    }

    /// <summary>
    /// Sends queued frames until the outbox is completed, then closes the socket gracefully (so a last
    /// event such as listenKeyExpired goes out before the close). While <paramref name="stalled"/> is true
    /// frames are dropped, not sent. The pump is the only sender: WebSocket sends must not overlap.
    /// </summary>
    public async Task PumpAsync(Func<bool> stalled, CancellationToken ct)
    {
        await foreach (var frame in _outbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (stalled())
            {
                continue;
            }

            if (Socket.State != WebSocketState.Open)
            {
                return;
            }

            await Socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }

        if (Socket.State == WebSocketState.Open)
        {
            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed by venue", ct).ConfigureAwait(false);
        }
    }
}
