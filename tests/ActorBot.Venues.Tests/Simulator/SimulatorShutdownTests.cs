using System.Net.WebSockets;
using ActorBot.Venues.Tests.Streams;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary>
/// The simulator stopping while its WebSocket clients hang up — the cleanup of the Host's testnet tests. The
/// deterministic interleaving is in <see cref="StreamHubShutdownTests"/>; this runs the real sockets many times
/// as a smoke test of the whole shutdown (on the pre-fix code it did not hit the race here; the staged test did).
/// </summary>
public sealed class SimulatorShutdownTests
{
    [Fact(DisplayName = "Disposing the simulator while every client disconnects ends cleanly, round after round")]
    public async Task DisposeWhileClientsDisconnect()
    {
        for (var round = 0; round < 20; round++)
        {
            var host = await Sim.StartAsync();
            var clients = new List<ClientWebSocket>();
            for (var i = 0; i < 6; i++)
            {
                var client = new ClientWebSocket();
                await client.ConnectAsync(new Uri(host.WsUri, i % 2 == 0 ? "/ws/btcusdt@aggTrade" : "/stream?streams=btcusdt@aggTrade"), CancellationToken.None);
                clients.Add(client);
            }

            await Eventually.True(() => host.Streams.SessionCount == clients.Count, "every client connected");

            // Half the clients abort, half close politely, all while the venue shuts down.
            var hangUps = clients.Select((c, i) => Task.Run(async () =>
            {
                if (i % 2 == 0)
                {
                    c.Abort();
                }
                else
                {
                    try
                    {
                        await c.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
                    {
                        // The venue dropped it first: that is the race being exercised.
                    }
                }
            })).ToList();
            var dispose = host.DisposeAsync().AsTask();
            await Task.WhenAll(hangUps);
            var act = () => dispose.WaitAsync(TimeSpan.FromSeconds(30));
            await act.Should().NotThrowAsync($"round {round}");
            host.Streams.SessionCount.Should().Be(0);
            clients.ForEach(c => c.Dispose());
        }
    }
}
