using System.Collections.Concurrent;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Binance.UserData;
using ActorBot.Venues.Tests.Simulator;

namespace ActorBot.Venues.Tests.Streams;

public sealed class UserDataStreamSimulatorTests
{
    [Fact(DisplayName = "Order events arrive on the user stream; after listenKeyExpired a new key is created and events flow again")]
    public async Task ListenKeyExpiry()
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
        { RetryDelay = TimeSpan.FromMilliseconds(20) };
        stream.Start();
        await Eventually.True(() => stream.Connects == 1 && host.Streams.SessionCount == 1, "user stream connected");

        await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "u-1", 1m));
        await Eventually.True(() => events.OfType<OrderTradeUpdate>().Any(o => o.ClientOrderId == "u-1" && o.Status == "FILLED"), "fill event");
        // The venue sends ACCOUNT_UPDATE as its own frame after the fill's: wait for it rather than race it.
        await Eventually.True(() => events.OfType<AccountUpdate>().Any(), "account update");

        var firstKey = stream.CurrentListenKey;
        host.ExpireListenKeys();
        await Eventually.True(() => events.OfType<ListenKeyExpired>().Any(), "listenKeyExpired");
        await Eventually.True(() => stream.ListenKeysCreated == 2 && stream.Connects == 2 && host.Streams.SessionCount == 1, "new key and socket");
        stream.CurrentListenKey.Should().NotBe(firstKey);

        await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "SELL", "MARKET", "u-2", 1m));
        await Eventually.True(() => events.OfType<OrderTradeUpdate>().Any(o => o.ClientOrderId == "u-2"), "events on the new key");
    }

    [Fact(DisplayName = "The keep-alive extends the listenKey, and a keep-alive answered -1125 forces a new key")]
    public async Task KeepAlive()
    {
        await using var host = await Sim.StartAsync();
        var (rest, http) = Sim.Client(host);
        using var ownedHttp = http;
        await using var stream = new UserDataStreamClient(rest, host.WsUri, new DecodeErrorCounter(), _ => ValueTask.CompletedTask)
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(100),
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        stream.Start();
        await Eventually.True(() => stream.KeepAlives >= 2, "keep-alives sent");

        // The key vanishes without an event (as when Binance drops it): the next keep-alive gets -1125.
        foreach (var key in host.ListenKeys)
        {
            host.Streams.CloseUser(key);
        }

        await Eventually.True(() => stream.ListenKeysCreated >= 2, "new key after the socket closed");
    }
}
