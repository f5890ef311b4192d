using System.Net.WebSockets;
using ActorBot.Venues.Simulator.Streams;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary>
/// The shutdown race behind the flaky Host test: <see cref="StreamHub.DropAll"/> aborted a connection whose
/// request had already ended, and Kestrel answers that with <see cref="ObjectDisposedException"/>
/// ("IFeatureCollection has been disposed"). These tests stage the interleaving by hand instead of hoping for it.
/// </summary>
public sealed class StreamHubShutdownTests
{
    [Fact(DisplayName = "DropAll never aborts a session whose request ended while the drop was under way")]
    public void DropSkipsSessionsEndedMeanwhile()
    {
        var hub = new StreamHub();
        var a = new FakeConnection();
        var b = new FakeConnection();
        var sessionA = a.Session;
        var sessionB = b.Session;

        // Each abort makes the other client hang up, the way a socket closing under shutdown ends its request:
        // whichever session DropAll reaches first, the second one has ended by the time it is reached.
        a.OnAbort = () => b.EndRequest(hub);
        b.OnAbort = () => a.EndRequest(hub);
        hub.Add(sessionA);
        hub.Add(sessionB);

        var drop = () => hub.DropAll();

        drop.Should().NotThrow();
        (a.Aborts + b.Aborts).Should().Be(1, "the first session is aborted live and the second has ended by then");
        hub.SessionCount.Should().Be(1, "the aborted session leaves the hub when its own request ends");
    }

    [Fact(DisplayName = "A session removed from the hub (its request over) is not aborted by a later drop")]
    public void RemovedSessionIsNotAborted()
    {
        var hub = new StreamHub();
        var a = new FakeConnection();
        hub.Add(a.Session);
        a.EndRequest(hub);

        hub.DropAll();

        a.Aborts.Should().Be(0);
    }

    /// <summary>Stands in for an HttpContext: aborting it after its request ended throws, as Kestrel's does.</summary>
    private sealed class FakeConnection
    {
        public FakeConnection()
        {
            var socket = WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true });
            Session = new StreamSession(socket, combined: true, listenKey: null, Abort);
        }

        public StreamSession Session { get; }

        public Action OnAbort { get; set; } = () => { };

        public int Aborts { get; private set; }

        public bool Disposed { get; private set; }

        /// <summary>What the simulator does when a WebSocket request finishes: leave the hub, then the context goes.</summary>
        public void EndRequest(StreamHub hub)
        {
            hub.Remove(Session);
            Disposed = true;
        }

        private void Abort()
        {
            ObjectDisposedException.ThrowIf(Disposed, typeof(FakeConnection));
            Aborts++;
            OnAbort();
        }
    }
}
