using System.Text.Json;
using ActorBot.Domain.Liquidations;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Venues;

/// <summary>
/// The market actor's liquidation feeds against the real venue simulator over loopback: it subscribes forceOrder and
/// markPrice@1s on the /market base, routes a normalised liquidation to the bot (for the symbol), counts one the
/// normaliser refuses by reason, and polls open interest over REST into a base-units sample for the symbol.
/// </summary>
public sealed class MarketLiquidationFeedTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);
    private readonly HttpClient _http = new();
    private SimulatorHost? _sim;

    public async Task InitializeAsync() => _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0 });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }
    }

    [Fact(DisplayName = "forceOrder from the simulator reaches the bot as the symbol's LiquidationReceived; a refused one is counted by reason; OI is polled into a sample")]
    public async Task RoutesLiquidationsAndOpenInterest()
    {
        var sim = _sim!;
        var settings = new VenueSettings(
            "binance-usdm", sim.RestUri, sim.WsUri, ["BTCUSDT"],
            ConnectTimeout: TimeSpan.FromSeconds(2),
            StreamStallTimeout: TimeSpan.FromSeconds(30),
            DisabledGrace: TimeSpan.FromSeconds(1),
            ReconnectMaxDelay: TimeSpan.FromMilliseconds(200))
        {
            LiquidationFeeds = true,
            OpenInterestPollInterval = TimeSpan.FromMilliseconds(100),
        };
        var errors = new DecodeErrorCounter();
        var rest = new BinanceRestClient(_http, settings.RestOptions(), null, errors);
        var bot = CreateTestProbe("bot");
        var health = CreateTestProbe("health");
        var market = Sys.ActorOf(Props.Create(() => new MarketDataActor(settings, rest, errors, bot.Ref, health.Ref, null)), "market");

        await Until(() => sim.Streams.AnySubscribed("btcusdt@forceOrder") && sim.Streams.AnySubscribed("btcusdt@markPrice@1s"));
        sim.RetiredRootConnects.Should().Be(0, "forceOrder and markPrice ride the routed /market base");

        sim.InjectForceOrder("BTCUSDT", "BUY", 0m, 0.5m);
        sim.InjectForceOrder("BTCUSDT", "SELL", 60_123.4m, 0.25m);
        var received = (LiquidationReceived)bot.FishForMessage(m => m is LiquidationReceived, Deadline);
        received.Symbol.Should().Be("BTCUSDT");
        received.Event.Side.Should().Be(LiquidationSide.Long, "a SELL force order liquidates a long");
        received.Event.Price.Should().Be(60_123.4m);
        received.Event.Quantity.Should().Be(0.25m);
        received.Event.Venue.Should().Be("binance-usdm");

        sim.Engine.SetOpenInterest("BTCUSDT", 1234.5m);
        var oi = (OpenInterestSampled)bot.FishForMessage(m => m is OpenInterestSampled { OpenInterestBase: 1234.5 }, Deadline);
        oi.Symbol.Should().Be("BTCUSDT");

        market.Tell(ProbeState.Instance, TestActor);
        var summary = JsonDocument.Parse(JsonSerializer.Serialize(ExpectMsg<ActorProbe>().Summary)).RootElement;
        summary.GetProperty("liquidations").GetInt64().Should().Be(1);
        summary.GetProperty("liquidationsRefused").GetProperty("non_positive_price").GetInt64().Should().Be(1);
        summary.GetProperty("openInterestSamples").GetInt64().Should().BeGreaterThan(0);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0}", Deadline);
            await Task.Delay(20);
        }
    }
}
