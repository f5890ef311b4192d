using System.Net;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Tests.Simulator;

namespace ActorBot.Venues.Tests.Rest;

/// <summary>The REST adapter against the simulator over real loopback sockets.</summary>
public sealed class RestClientSimulatorTests
{
    [Fact(DisplayName = "A LIMIT order is placed, found by client order id, listed, cancelled, and unknown orders get -2011/-2013")]
    public async Task PlaceQueryCancel()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 28_000m, 0.01m, 1);
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;

        var placed = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "bot-1", 0.010m, 27_000.5m, "GTC"));
        placed.IsSuccess.Should().BeTrue(placed.ToString());
        placed.Value!.Status.Should().Be("NEW");
        placed.Value.Price.Should().Be(27_000.5m);

        var queried = await client.QueryOrderAsync("BTCUSDT", "bot-1");
        queried.Value!.OrderId.Should().Be(placed.Value.OrderId);
        (await client.GetOpenOrdersAsync("BTCUSDT")).Value.Should().ContainSingle(o => o.ClientOrderId == "bot-1");

        var cancelled = await client.CancelOrderAsync("BTCUSDT", "bot-1");
        cancelled.Value!.Status.Should().Be("CANCELED");

        var again = await client.CancelOrderAsync("BTCUSDT", "bot-1");
        again.Failure.Should().Be(RestFailureKind.Rejected);
        again.Error!.Code.Should().Be(BinanceError.CancelRejected);

        var unknown = await client.QueryOrderAsync("BTCUSDT", "never-sent");
        unknown.Error!.Code.Should().Be(BinanceError.NoSuchOrder);
    }

    [Fact(DisplayName = "A duplicate newClientOrderId of an open order is rejected with Binance's code")]
    public async Task DuplicateClientOrderId()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 28_000m, 0.01m, 1);
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "dup", 0.01m, 27_000m, "GTC"))).IsSuccess.Should().BeTrue();
        var second = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "dup", 0.01m, 27_000m, "GTC"));
        second.Error!.Code.Should().Be(BinanceError.DuplicateClientOrderId);
        host.Engine.OrderCount.Should().Be(1);
    }

    [Fact(DisplayName = "A MARKET order fills at the last price, opens a position and charges the taker fee")]
    public async Task MarketOrderOpensPosition()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 20_000m, 0.01m, 1);
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;

        var filled = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "m-1", 0.5m));
        filled.Value!.Status.Should().Be("FILLED");
        filled.Value.AveragePrice.Should().Be(20_000m);

        var positions = await client.GetPositionRiskAsync("BTCUSDT");
        positions.Value!.Single().PositionAmount.Should().Be(0.5m);
        positions.Value!.Single().EntryPrice.Should().Be(20_000m);
        var balances = await client.GetBalancesAsync();
        balances.Value!.Single().Balance.Should().Be(10_000m - (0.5m * 20_000m * 0.0004m));
        (await client.GetAccountAsync()).Value!.Positions.Should().ContainSingle(p => p.Symbol == "BTCUSDT" && p.PositionAmount == 0.5m);
    }

    [Fact(DisplayName = "LIMIT IOC and GTX follow their rules; reduceOnly without a position is rejected")]
    public async Task TimeInForceRules()
    {
        await using var host = await Sim.StartAsync();
        host.Engine.OnBookTicker("BTCUSDT", 99m, 101m);
        host.PublishTrade("BTCUSDT", 100m, 0.01m, 1);
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;

        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "ioc-miss", 1m, 100m, "IOC"))).Value!.Status.Should().Be("EXPIRED");
        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "gtx-cross", 1m, 102m, "GTX"))).Value!.Status.Should().Be("EXPIRED");
        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "gtx-ok", 1m, 98m, "GTX"))).Value!.Status.Should().Be("NEW");
        var ioc = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "ioc-hit", 1m, 102m, "IOC"));
        ioc.Value!.Status.Should().Be("FILLED");
        ioc.Value.AveragePrice.Should().Be(101m);
        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "ro", 1m, ReduceOnly: true))).Error!.Code.Should().Be(BinanceError.ReduceOnlyRejected);

        host.PublishTrade("BTCUSDT", 97m, 0.01m, 2);
        (await client.QueryOrderAsync("BTCUSDT", "gtx-ok")).Value!.Status.Should().Be("FILLED", "a resting bid fills when a trade prints through it");
    }

    [Fact(DisplayName = "A -1021 from a skewed venue clock resyncs the offset and the request succeeds on its one retry")]
    public async Task ClockResync()
    {
        await using var host = await Sim.StartAsync();
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        (await client.GetBalancesAsync()).IsSuccess.Should().BeTrue();

        host.Faults.ClockSkewMs = 30_000;
        var result = await client.GetBalancesAsync();

        result.IsSuccess.Should().BeTrue(result.ToString());
        client.TimeResyncs.Should().Be(1);
        client.Clock.OffsetMs.Should().BeInRange(29_000, 31_000);
    }

    [Fact(DisplayName = "A bad signature is answered -1022")]
    public async Task BadSignature()
    {
        await using var host = await Sim.StartAsync();
        var (client, http) = Sim.Client(host, secret: "wrong-secret");
        using var ownedHttp = http;
        var result = await client.GetBalancesAsync();
        result.Error!.Code.Should().Be(BinanceError.InvalidSignature);
    }

    [Fact(DisplayName = "On 429 the client honours Retry-After and succeeds without provoking a ban")]
    public async Task RateLimitBackoff()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { WeightLimit = 40, WeightWindow = TimeSpan.FromSeconds(2) });
        using var otherBot = new HttpClient { BaseAddress = host.RestUri };

        // The window may roll over between the other bot's 429 and our call (then no 429 reaches us):
        // that rare boundary case is re-run rather than asserted on.
        for (var scenario = 0; scenario < 3; scenario++)
        {
            var (client, http) = Sim.Client(host);
            using var ownedHttp = http;

            // Another bot on the same IP spends the window's weight.
            HttpStatusCode status;
            do
            {
                using var response = await otherBot.GetAsync("/fapi/v1/aggTrades?symbol=BTCUSDT");
                status = response.StatusCode;
            }
            while (status == HttpStatusCode.OK);

            status.Should().Be(HttpStatusCode.TooManyRequests);
            var started = DateTime.UtcNow;
            var result = await client.GetOpenInterestAsync("BTCUSDT");

            result.IsSuccess.Should().BeTrue(result.ToString());
            host.Weights.Rejected418.Should().Be(0, "the client waited out the 429 instead of hammering");
            if (client.Retries > 0)
            {
                (DateTime.UtcNow - started).Should().BeGreaterThan(TimeSpan.FromMilliseconds(200));
                return;
            }
        }

        throw new InvalidOperationException("the client never met the 429 in three scenarios");
    }

    [Fact(DisplayName = "The client keeps to its configured share of the weight limit, waiting for the next window instead of drawing a 429")]
    public async Task StaysWithinShare()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { WeightLimit = 40, WeightWindow = TimeSpan.FromSeconds(1) });
        var (client, http) = Sim.Client(host, new BinanceRestOptions { WeightLimitPerMinute = 40, WeightShare = 0.5, WeightWindow = TimeSpan.FromSeconds(1) });
        using var ownedHttp = http;
        client.Limiter.WeightBudget.Should().Be(20);
        var started = DateTime.UtcNow;

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAggTradesAsync("BTCUSDT")).IsSuccess.Should().BeTrue("aggTrades costs 20: one call per window fits the share");
        }

        host.Weights.Rejected429.Should().Be(0);
        (DateTime.UtcNow - started).Should().BeGreaterThan(TimeSpan.FromSeconds(1), "the third call had to wait for a later window");
    }

    [Fact(DisplayName = "exchangeInfo's rate limits replace the configured ones")]
    public async Task LimitsFromExchangeInfo()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { WeightLimit = 1000 });
        var (client, http) = Sim.Client(host, new BinanceRestOptions { WeightShare = 0.5 });
        using var ownedHttp = http;
        client.Limiter.WeightBudget.Should().Be(1200);
        (await client.GetExchangeInfoAsync()).IsSuccess.Should().BeTrue();
        client.Limiter.WeightBudget.Should().Be(500);
    }

    [Fact(DisplayName = "On 418 the venue is Disabled and no request is sent until the ban ends")]
    public async Task BanDisablesVenue()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { WeightLimit = 20, WeightWindow = TimeSpan.FromSeconds(30), BanDuration = TimeSpan.FromSeconds(2) });
        using var reckless = new HttpClient { BaseAddress = host.RestUri };
        // The client's clock is virtual: the ban's end is reached by advancing it, not by waiting it out.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var (client, http) = Sim.Client(host, time: time);
        using var ownedHttp = http;
        var statuses = new List<VenueStatus>();
        client.StatusChanged += statuses.Add;

        HttpStatusCode status;
        do
        {
            using var response = await reckless.GetAsync("/fapi/v1/aggTrades?symbol=BTCUSDT");
            status = response.StatusCode;
        }
        while (status != (HttpStatusCode)418);

        var first = await client.GetOpenInterestAsync("BTCUSDT");
        first.Failure.Should().Be(RestFailureKind.Banned);
        client.Status.Should().Be(VenueStatus.Disabled);
        var requestsBefore = host.RequestCount;
        (await client.GetOpenInterestAsync("BTCUSDT")).Failure.Should().Be(RestFailureKind.Banned);
        host.RequestCount.Should().Be(requestsBefore, "nothing is sent during a ban");

        time.Advance(client.BannedUntil - time.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        client.Status.Should().Be(VenueStatus.Disabled, "a millisecond before the ban ends");
        time.Advance(TimeSpan.FromMilliseconds(1));
        client.Status.Should().Be(VenueStatus.Healthy);
        statuses.Should().Equal(VenueStatus.Disabled, VenueStatus.Healthy);
    }

    [Fact(DisplayName = "5xx on an idempotent request is retried with backoff and succeeds")]
    public async Task ServerErrorRetried()
    {
        await using var host = await Sim.StartAsync();
        var (client, http) = Sim.Client(host, new BinanceRestOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        using var ownedHttp = http;
        host.Faults.Rest500Remaining = 2;
        var result = await client.GetOpenOrdersAsync("BTCUSDT");
        result.IsSuccess.Should().BeTrue(result.ToString());
        client.Retries.Should().Be(2);
    }

    [Fact(DisplayName = "An order answered 503 (unknown outcome) is looked up by client order id, not re-sent")]
    public async Task LookupBeforeResend()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 28_000m, 0.01m, 1);
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        host.Faults.OrderUnknownRemaining = 1;

        var result = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "in-doubt-1", 0.01m, 27_000m, "GTC"));

        result.IsSuccess.Should().BeTrue(result.ToString());
        result.Value!.ClientOrderId.Should().Be("in-doubt-1");
        client.OrderLookups.Should().Be(1);
        host.Engine.OrderCount.Should().Be(1, "the order exists exactly once");
    }

    [Fact(DisplayName = "An order that timed out and is not on the venue is sent once more after the lookup")]
    public async Task LookupThenResendWhenAbsent()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 28_000m, 0.01m, 1);
        var (client, http) = Sim.Client(host, new BinanceRestOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        using var ownedHttp = http;
        (await client.SyncTimeAsync()).IsSuccess.Should().BeTrue();
        host.Faults.Rest500Remaining = 1;

        var result = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "lost-1", 0.01m, 27_000m, "GTC"));

        result.IsSuccess.Should().BeTrue(result.ToString());
        client.OrderLookups.Should().Be(1);
        host.Engine.OrderCount.Should().Be(1);
    }

    [Fact(DisplayName = "Market-data endpoints answer from the replayed recording")]
    public async Task MarketDataFromReplay()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { DataFiles = [TestData.BtcDay1], Speed = null });
        await host.ReplayCompletion;
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;

        var depth = await client.GetDepthAsync("BTCUSDT", 10);
        depth.Value!.LastUpdateId.Should().Be(2_710_249_412_032, "the last u of the first day");
        depth.Value.Bids.Should().HaveCount(10);
        var trades = await client.GetAggTradesAsync("BTCUSDT", fromId: 100, limit: 5);
        trades.Value!.Select(t => t.AggregateTradeId).Should().Equal(100, 101, 102, 103, 104);
        var klines = await client.GetKlinesAsync("BTCUSDT", "1m", limit: 10);
        klines.Value!.Klines.Should().NotBeEmpty();
        klines.Value.Klines.Sum(k => k.TradeCount).Should().Be(2197);
        var premium = await client.GetPremiumIndexAsync("BTCUSDT");
        premium.Value!.MarkPrice.Should().BeInRange(28_140m, 28_160m);
        host.Engine.SetOpenInterest("BTCUSDT", 81_234.5m);
        (await client.GetOpenInterestAsync("BTCUSDT")).Value!.Quantity.Should().Be(81_234.5m);
        var info = await client.GetExchangeInfoAsync();
        info.Value!.Symbols.Should().Contain(s => s.Symbol == "BTCUSDT");
        host.DecodeErrors.Total.Should().Be(0);
    }

    [Fact(DisplayName = "A listed symbol without replayed depth has an empty book; an unknown symbol is -1121")]
    public async Task DepthWithoutData()
    {
        await using var host = await Sim.StartAsync();
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        var empty = await client.GetDepthAsync("BTCUSDT", 5);
        empty.Value!.Bids.Should().BeEmpty();
        (await client.GetDepthAsync("NOPEUSDT", 5)).Error!.Code.Should().Be(BinanceError.BadSymbol);
    }

    [Fact(DisplayName = "listenKey is created, kept alive, and a keep-alive after expiry answers -1125")]
    public async Task ListenKeyLifecycle()
    {
        await using var host = await Sim.StartAsync();
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        var created = await client.CreateListenKeyAsync();
        created.Value!.ListenKey.Should().HaveLength(64);
        (await client.KeepAliveListenKeyAsync()).IsSuccess.Should().BeTrue();
        host.ExpireListenKeys();
        (await client.KeepAliveListenKeyAsync()).Error!.Code.Should().Be(BinanceError.ListenKeyNotFound);
    }
}
