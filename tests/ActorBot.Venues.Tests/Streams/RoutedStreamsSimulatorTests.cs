using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Binance.UserData;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Tests.Simulator;

namespace ActorBot.Venues.Tests.Streams;

/// <summary>Every stream type over real loopback sockets on its routed base, and the retired root behaving as the venue does.</summary>
public sealed class RoutedStreamsSimulatorTests
{
    private static readonly string[] AllTypes =
    [
        "btcusdt@aggTrade", "btcusdt@depth@100ms", "btcusdt@bookTicker", "btcusdt@markPrice@1s", "btcusdt@kline_1m", "btcusdt@forceOrder",
    ];

    [Fact(DisplayName = "aggTrade, depth, bookTicker, markPrice, kline and forceOrder each arrive on their routed base; the retired root is never used")]
    public async Task EveryMarketStreamOnItsRoute()
    {
        await using var host = await Sim.StartAsync();
        var frames = new ConcurrentDictionary<string, int>();
        await using var client = new MarketStreamClient(new MarketStreamOptions { BaseUri = host.WsUri }, AllTypes, (stream, _) =>
        {
            frames.AddOrUpdate(stream, 1, (_, n) => n + 1);
            return ValueTask.CompletedTask;
        });
        client.Start();
        await Eventually.True(() => client.IsConnected && host.Streams.SessionCount == 2, "one socket per route in use (public, market)");
        client.Routes.Should().BeEquivalentTo([StreamRouteKind.Public, StreamRouteKind.Market]);

        await Eventually.True(() =>
        {
            foreach (var stream in AllTypes)
            {
                host.Streams.Publish(stream, $"{{\"e\":\"test\",\"E\":1,\"s\":\"BTCUSDT\",\"stream\":\"{stream}\"}}");
            }

            return AllTypes.All(frames.ContainsKey);
        }, "a frame of every type", diagnostics: () => string.Join(",", frames.Keys));
        host.RetiredRootConnects.Should().Be(0);
    }

    [Fact(DisplayName = "A stream subscribed at run time on a route not yet in use opens that route's socket")]
    public async Task SubscribeOpensRoute()
    {
        await using var host = await Sim.StartAsync();
        var frames = new ConcurrentQueue<string>();
        await using var client = new MarketStreamClient(new MarketStreamOptions { BaseUri = host.WsUri }, ["btcusdt@aggTrade"], (stream, _) =>
        {
            frames.Enqueue(stream);
            return ValueTask.CompletedTask;
        });
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "market socket");

        await client.SubscribeAsync("btcusdt@bookTicker");
        await Eventually.True(() => host.Streams.SessionCount == 2, "public socket opened");
        await Eventually.True(() =>
        {
            host.Streams.Publish("btcusdt@bookTicker", "{\"e\":\"bookTicker\"}");
            return frames.Contains("btcusdt@bookTicker");
        }, "bookTicker on /public");
        client.Reconnects.Should().Be(0, "a new route is a first connect, not a reconnect");
        host.RetiredRootConnects.Should().Be(0);
    }

    [Fact(DisplayName = "On the retired root only /public streams deliver: aggTrade stays silent while depth flows, and the connect is counted")]
    public async Task RetiredRootSilencesMarketStreams()
    {
        await using var host = await Sim.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(host.WsUri, "/stream?streams=btcusdt@aggTrade/btcusdt@depth@100ms"), CancellationToken.None);
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");
        host.RetiredRootConnects.Should().Be(1);

        // Frames of one session leave in publish order: once the later depth frame is read, an aggTrade frame
        // published before it would have been read first if the root delivered it.
        host.Streams.Publish("btcusdt@aggTrade", "{\"e\":\"aggTrade\"}");
        host.Streams.Publish("btcusdt@depth@100ms", "{\"e\":\"depthUpdate\"}");
        var first = await ReceiveTextAsync(socket);
        first.Should().Contain("\"stream\":\"btcusdt@depth@100ms\"");
    }

    [Fact(DisplayName = "On a routed base a stream of another route is accepted but silent, as on the venue")]
    public async Task WrongRouteSilent()
    {
        await using var host = await Sim.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(host.WsUri, "/public/ws/btcusdt@markPrice/btcusdt@bookTicker"), CancellationToken.None);
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");
        host.Streams.Publish("btcusdt@markPrice", "{\"e\":\"markPriceUpdate\"}");
        host.Streams.Publish("btcusdt@bookTicker", "{\"e\":\"bookTicker\"}");
        (await ReceiveTextAsync(socket)).Should().Be("{\"e\":\"bookTicker\"}", "ws mode sends raw payloads and /public does not feed markPrice");
        host.RetiredRootConnects.Should().Be(0);
    }

    [Fact(DisplayName = "User data arrives on /private/ws?listenKey=&events=, and only the event types asked for")]
    public async Task UserDataOnPrivate()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        var (rest, http) = Sim.Client(host);
        using var ownedHttp = http;
        var events = new ConcurrentQueue<UserDataEvent>();
        await using var stream = new UserDataStreamClient(rest, host.WsUri, new DecodeErrorCounter(), e =>
        {
            events.Enqueue(e);
            return ValueTask.CompletedTask;
        })
        { Events = ["ORDER_TRADE_UPDATE"], RetryDelay = TimeSpan.FromMilliseconds(20) };
        stream.Start();
        await Eventually.True(() => stream.Connects == 1 && host.Streams.SessionCount == 1, "user stream connected");

        await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "p-1", 1m));
        await Eventually.True(() => events.OfType<OrderTradeUpdate>().Any(o => o.ClientOrderId == "p-1" && o.Status == "FILLED"), "fill on /private");
        events.OfType<AccountUpdate>().Should().BeEmpty("ACCOUNT_UPDATE was not in the events allow list");
        host.RetiredRootConnects.Should().Be(0);
    }

    [Fact(DisplayName = "A listenKey on the retired root /ws/<key> receives nothing")]
    public async Task UserDataSilentOnRoot()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        var (rest, http) = Sim.Client(host);
        using var ownedHttp = http;
        var key = (await rest.CreateListenKeyAsync()).Value!.ListenKey;
        using var root = new ClientWebSocket();
        await root.ConnectAsync(new Uri(host.WsUri, "/ws/" + key), CancellationToken.None);
        using var routed = new ClientWebSocket();
        await routed.ConnectAsync(StreamRoute.PrivateUrl(host.WsUri, key, ["ORDER_TRADE_UPDATE"]), CancellationToken.None);
        await Eventually.True(() => host.Streams.SessionCount == 2, "both connected");

        await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "r-1", 1m));
        (await ReceiveTextAsync(routed)).Should().Contain("ORDER_TRADE_UPDATE");

        // A marker frame on a /public stream the root socket subscribes to proves nothing user-data came first.
        await root.SendAsync(Encoding.UTF8.GetBytes("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":1}"), WebSocketMessageType.Text, true, CancellationToken.None);
        (await ReceiveTextAsync(root)).Should().Be("{\"result\":null,\"id\":1}");
        await Eventually.True(() => host.Streams.AnySubscribed("btcusdt@depth"), "root subscribed to depth");
        host.Streams.Publish("btcusdt@depth", "{\"e\":\"depthUpdate\"}");
        (await ReceiveTextAsync(root)).Should().Be("{\"e\":\"depthUpdate\"}");
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(buffer, 0, count);
    }
}
