using System.Collections.Concurrent;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Tests.Simulator;

namespace ActorBot.Venues.Tests.Streams;

/// <summary>The WebSocket market client against the simulator over real loopback sockets.</summary>
public sealed class MarketStreamSimulatorTests
{
    private static MarketStreamOptions Options(SimulatorHost host, double stallSeconds = 30) => new()
    {
        BaseUri = host.WsUri,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        StallTimeout = TimeSpan.FromSeconds(stallSeconds),
    };

    [Fact(DisplayName = "Combined-stream frames arrive; SUBSCRIBE and UNSUBSCRIBE change what arrives at run time")]
    public async Task SubscribeUnsubscribe()
    {
        await using var host = await Sim.StartAsync();
        var frames = new ConcurrentQueue<string>();
        await using var client = new MarketStreamClient(Options(host), ["btcusdt@aggTrade"], (stream, _) =>
        {
            frames.Enqueue(stream);
            return ValueTask.CompletedTask;
        });
        var proven = new ConcurrentQueue<string>();
        client.StreamProven += proven.Enqueue;
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");

        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        await Eventually.True(() => frames.Contains("btcusdt@aggTrade"), "btc frame");
        proven.Should().Contain("btcusdt@aggTrade");

        await client.SubscribeAsync("ethusdt@aggTrade");
        await Eventually.True(() => { host.PublishTrade("ETHUSDT", 10m, 1m, 1); return frames.Contains("ethusdt@aggTrade"); }, "eth frame after SUBSCRIBE");

        await client.UnsubscribeAsync("btcusdt@aggTrade");
        await Eventually.True(() => !host.Streams.AnySubscribed("btcusdt@aggTrade"), "venue processed UNSUBSCRIBE");
        var before = frames.Count(f => f == "btcusdt@aggTrade");
        host.PublishTrade("BTCUSDT", 101m, 1m, 2);
        host.PublishTrade("ETHUSDT", 11m, 1m, 2);
        await Eventually.True(() => frames.Count(f => f == "ethusdt@aggTrade") >= 2, "eth still flowing");
        frames.Count(f => f == "btcusdt@aggTrade").Should().Be(before);
    }

    [Fact(DisplayName = "After the venue drops the socket the client reconnects and the subscription is proven by data")]
    public async Task ReconnectAfterDrop()
    {
        await using var host = await Sim.StartAsync();
        var proven = new ConcurrentQueue<string>();
        await using var client = new MarketStreamClient(Options(host), ["btcusdt@aggTrade"], (_, _) => ValueTask.CompletedTask);
        client.StreamProven += proven.Enqueue;
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");

        host.DropSockets();
        await Eventually.True(() => client.Reconnects == 1 && host.Streams.SessionCount == 1, "reconnected");
        proven.Should().BeEmpty("nothing has arrived on the new socket yet");
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        await Eventually.True(() => proven.Count == 1, "subscription proven by a frame");
    }

    [Fact(DisplayName = "A silent stream on a live socket is detected by the watchdog and the socket is recycled")]
    public async Task StallDetected()
    {
        await using var host = await Sim.StartAsync();
        var stale = new ConcurrentQueue<string>();
        await using var client = new MarketStreamClient(Options(host, stallSeconds: 0.3), ["btcusdt@aggTrade"], (_, _) => ValueTask.CompletedTask);
        client.StreamStale += stale.Enqueue;
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");

        host.Faults.WsStall = true;
        using var feeder = new CancellationTokenSource();
        var feed = Task.Run(async () =>
        {
            for (var id = 1; !feeder.IsCancellationRequested; id++)
            {
                host.PublishTrade("BTCUSDT", 100m, 1m, id);
                await Task.Delay(20);
            }
        });

        await Eventually.True(() => client.StallsDetected >= 1, "stall detected");
        stale.Should().Contain("btcusdt@aggTrade");
        await Eventually.True(() => client.Reconnects >= 1, "socket recycled");
        host.Faults.WsStall = false;
        var frames = client.FramesReceived;
        await Eventually.True(() => client.FramesReceived > frames, "data flows again");
        await feeder.CancelAsync();
        await feed;
    }

    [Fact(DisplayName = "Refused connects are retried with backoff until the venue accepts again")]
    public async Task RefusedConnect()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.RefuseConnect = true;
        await using var client = new MarketStreamClient(Options(host), ["btcusdt@aggTrade"], (_, _) => ValueTask.CompletedTask);
        client.Start();
        await Eventually.True(() => client.ConnectFailures >= 2, "connects refused");
        client.Connects.Should().Be(0);
        host.Faults.RefuseConnect = false;
        await Eventually.True(() => client.Connects == 1, "connected once allowed", diagnostics: () => $"sessions {host.Streams.SessionCount}, attempts {client.ConnectAttempts}, failures {client.ConnectFailures}, connects {client.Connects}, last error: {client.LastError}");
    }

    [Fact(DisplayName = "Trades missed while disconnected are backfilled over REST by fromId, in order, and counted")]
    public async Task GapBackfill()
    {
        await using var host = await Sim.StartAsync();
        var (rest, http) = Sim.Client(host);
        using var ownedHttp = http;
        var delivered = new List<long>();
        var filler = new AggTradeGapFiller(rest, new DecodeErrorCounter(), t =>
        {
            lock (delivered)
            {
                delivered.Add(t.AggregateTradeId);
            }

            return ValueTask.CompletedTask;
        });
        await using var client = new MarketStreamClient(Options(host), ["btcusdt@aggTrade"], (stream, frame) => filler.OnFrameAsync(frame.ToArray()));
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");

        for (var id = 1; id <= 3; id++)
        {
            host.PublishTrade("BTCUSDT", 100m + id, 1m, id);
        }

        await Eventually.True(() => { lock (delivered) { return delivered.Count == 3; } }, "first trades");
        host.Faults.RefuseConnect = true;
        host.DropSockets();
        for (var id = 4; id <= 8; id++)
        {
            host.PublishTrade("BTCUSDT", 100m + id, 1m, id);
        }

        host.Faults.RefuseConnect = false;
        await Eventually.True(() => client.Reconnects >= 1 && host.Streams.SessionCount == 1, "reconnected");
        host.PublishTrade("BTCUSDT", 109m, 1m, 9);

        await Eventually.True(() => { lock (delivered) { return delivered.Count == 9; } }, "live trade after backfill");
        delivered.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9);
        filler.GapsDetected.Should().Be(1);
        filler.TradesBackfilled.Should().Be(5);
    }

    [Fact(DisplayName = "Injected forceOrder liquidations arrive on the symbol and all-market streams")]
    public async Task ForceOrderInjection()
    {
        await using var host = await Sim.StartAsync();
        var events = new ConcurrentQueue<MarketEvent>();
        var decoder = new MarketEventDecoder(new DecodeErrorCounter());
        await using var client = new MarketStreamClient(Options(host), ["btcusdt@forceOrder", "!forceOrder@arr"], (stream, frame) =>
        {
            if (decoder.TryDecode(frame.Span, out var ev, out _))
            {
                events.Enqueue(ev!);
            }

            return ValueTask.CompletedTask;
        });
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");

        host.InjectForceOrder("BTCUSDT", "SELL", 27_000m, 1.5m);

        await Eventually.True(() => events.Count == 2, "two liquidation frames");
        events.Should().AllBeOfType<ForceOrderEvent>().Which.Should().OnlyContain(e => e.Side == "SELL" && e.OriginalQuantity == 1.5m);
    }

    [Fact(DisplayName = "The replayed recording streams depth diffs that rebuild the book with the Domain synchroniser")]
    public async Task ReplayedDepthStream()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { DataFiles = [TestData.BtcDay1], Speed = 20, AutoStartReplay = false });
        var (rest, http) = Sim.Client(host);
        using var ownedHttp = http;
        var decoder = new DepthUpdateDecoder(new DecodeErrorCounter());
        var sync = new ActorBot.Domain.OrderBook.OrderBookSynchronizer("BTCUSDT");
        var frame = new DepthUpdateFrame();
        await using var client = new MarketStreamClient(Options(host), ["btcusdt@depth@0ms"], (stream, bytes) =>
        {
            lock (sync)
            {
                if (decoder.TryDecode(bytes.Span, frame, out _))
                {
                    sync.OnDiff(frame.Header, frame.Bids, frame.Asks);
                }
            }

            return ValueTask.CompletedTask;
        });
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");
        host.StartReplay();
        await Eventually.True(() => { lock (sync) { return sync.BufferedCount > 5; } }, "diffs buffered");

        var snapshot = await rest.GetDepthAsync("BTCUSDT", 1000);
        lock (sync)
        {
            sync.OnSnapshot(snapshot.Value!.LastUpdateId, snapshot.Value.Bids, snapshot.Value.Asks);
        }

        await host.ReplayCompletion;
        await Eventually.True(() => { lock (sync) { return sync.LastUpdateId == 2_710_249_412_032; } }, "book reaches the last diff");
        sync.Counters.Gaps.Should().Be(0);
        sync.State.Should().Be(ActorBot.Domain.OrderBook.BookSyncState.Synced);
    }

    [Fact(DisplayName = "A silent stall in the live depth stream breaks the pu chain once; one resync from the REST snapshot restores the book")]
    public async Task StallForcesOneResync()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { DataFiles = [TestData.BtcDay1], Speed = 20, AutoStartReplay = false });
        var (rest, http) = Sim.Client(host);
        using var ownedHttp = http;
        var decoder = new DepthUpdateDecoder(new DecodeErrorCounter());
        var sync = new ActorBot.Domain.OrderBook.OrderBookSynchronizer("BTCUSDT");
        var frame = new DepthUpdateFrame();
        await using var client = new MarketStreamClient(Options(host), ["btcusdt@depth@0ms"], (stream, bytes) =>
        {
            lock (sync)
            {
                if (decoder.TryDecode(bytes.Span, frame, out _))
                {
                    sync.OnDiff(frame.Header, frame.Bids, frame.Asks);
                }
            }

            return ValueTask.CompletedTask;
        });
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");

        // The /book side of the procedure: whenever the synchroniser asks for a snapshot, fetch one.
        using var stop = new CancellationTokenSource();
        var snapshots = 0;
        var resyncLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                bool needed;
                lock (sync)
                {
                    needed = sync.NeedsSnapshot && sync.BufferedCount > 0;
                }

                if (needed)
                {
                    var snapshot = await rest.GetDepthAsync("BTCUSDT", 1000);
                    lock (sync)
                    {
                        sync.OnSnapshot(snapshot.Value!.LastUpdateId, snapshot.Value.Bids, snapshot.Value.Asks);
                    }

                    snapshots++;
                }

                await Task.Delay(10);
            }
        });

        host.StartReplay();
        await Eventually.True(() => { lock (sync) { return sync.State == ActorBot.Domain.OrderBook.BookSyncState.Synced && sync.Counters.Applied > 50; } }, "synced");
        host.Faults.WsStall = true;
        await Task.Delay(300);
        host.Faults.WsStall = false;
        await host.ReplayCompletion;
        await Eventually.True(() => { lock (sync) { return sync.LastUpdateId == 2_710_249_412_032; } }, "book reaches the last diff",
            diagnostics: () => { lock (sync) { return $"{sync.State} {sync.Counters}"; } });
        await stop.CancelAsync();
        await resyncLoop;

        sync.Counters.Gaps.Should().Be(1);
        sync.Counters.Resyncs.Should().Be(1);
        snapshots.Should().Be(2, "one to start, one after the gap");
        client.Reconnects.Should().Be(0, "the stall was shorter than the watchdog's timeout");
    }
}
