using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

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

    public StreamSession(WebSocket socket, bool combined, string? listenKey)
    {
        Socket = socket;
        Combined = combined;
        ListenKey = listenKey;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public WebSocket Socket { get; }

    public bool Combined { get; }

    /// <summary>Set for user-data sessions (<c>/ws/&lt;listenKey&gt;</c>).</summary>
    public string? ListenKey { get; }

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

    public void Subscribe(string stream)
    {
        lock (_streams)
        {
            _streams.Add(stream.ToLowerInvariant());
        }
    }

    public void Unsubscribe(string stream)
    {
        lock (_streams)
        {
            _streams.Remove(stream.ToLowerInvariant());
        }
    }

    public bool IsSubscribed(string stream)
    {
        lock (_streams)
        {
            return _streams.Contains(stream);
        }
    }

    public void Enqueue(string frame) => _outbox.Writer.TryWrite(frame);

    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>Sends queued frames until the socket closes. While <paramref name="stalled"/> is true frames are dropped, not sent.</summary>
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
    }
}
