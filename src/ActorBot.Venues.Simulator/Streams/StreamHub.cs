using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace ActorBot.Venues.Simulator.Streams;

/// <summary>
/// Fans market frames out to subscribed sessions (raw payload for <c>/ws/&lt;stream&gt;</c>, the
/// <c>{"stream":..,"data":..}</c> envelope for <c>/stream?streams=</c>) and user-data events to sessions of
/// a live listenKey. Stall and drop faults act here.
/// </summary>
public sealed class StreamHub
{
    private readonly ConcurrentDictionary<Guid, StreamSession> _sessions = new();

    public int SessionCount => _sessions.Count;

    public long FramesPublished => Interlocked.Read(ref _published);

    private long _published;

    /// <summary>True when some market session subscribes <paramref name="stream"/> (tests, probe).</summary>
    public bool AnySubscribed(string stream) => _sessions.Values.Any(s => s.ListenKey is null && s.IsSubscribed(stream));

    public void Add(StreamSession session) => _sessions[session.Id] = session;

    /// <summary>The most frames any market session has queued but not yet written to its socket.</summary>
    public int LargestMarketBacklog => _sessions.Values.Where(s => s.ListenKey is null).Select(s => s.Backlog).DefaultIfEmpty(0).Max();

    /// <summary>The session's request is ending: it leaves the hub and its connection may no longer be aborted.</summary>
    public void Remove(StreamSession session)
    {
        _sessions.TryRemove(session.Id, out _);
        session.End();
    }

    public void Publish(string stream, string payloadJson)
    {
        Interlocked.Increment(ref _published);
        var name = stream;
        foreach (var session in _sessions.Values)
        {
            if (session.ListenKey is null && session.IsSubscribed(name))
            {
                session.Enqueue(session.Combined ? $"{{\"stream\":\"{stream}\",\"data\":{payloadJson}}}" : payloadJson);
            }
        }
    }

    /// <summary>Fault: the frame as it is (no envelope, even on combined sessions) to the market sessions subscribed to <paramref name="stream"/>.</summary>
    public void PublishRaw(string stream, string frame)
    {
        foreach (var session in _sessions.Values)
        {
            if (session.ListenKey is null && session.IsSubscribed(stream))
            {
                session.Enqueue(frame);
            }
        }
    }

    /// <summary>User-data event to the sessions of a listenKey that asked for its type (<c>events=</c> is an allow list).</summary>
    public void PublishUser(string listenKey, string payloadJson)
    {
        string? type = null;
        foreach (var session in _sessions.Values)
        {
            if (session.ListenKey != listenKey)
            {
                continue;
            }

            type ??= UserEventType.Of(payloadJson);
            if (session.Events is null || session.Events.Contains(type))
            {
                session.Enqueue(session.Combined ? $"{{\"stream\":\"{listenKey}\",\"data\":{payloadJson}}}" : payloadJson);
            }
        }
    }

    /// <summary>
    /// Fault (and shutdown): abort every live socket without a close handshake. A session whose request ends
    /// while this runs is skipped — the snapshot of sessions can be stale by the time it is reached.
    /// </summary>
    public void DropAll()
    {
        foreach (var session in _sessions.Values)
        {
            session.Complete();
            session.TryAbort();
        }
    }

    /// <summary>Closes the sessions of one listenKey (after listenKeyExpired).</summary>
    public void CloseUser(string listenKey)
    {
        foreach (var session in _sessions.Values.Where(s => s.ListenKey == listenKey))
        {
            // The pump sends what is queued, then closes: no second sender on the socket.
            session.Complete();
        }
    }
}
