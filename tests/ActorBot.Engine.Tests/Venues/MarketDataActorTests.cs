using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Venues;

/// <summary>
/// The market actor with probes for the bot and health. Its stream client really dials a closed loopback
/// port (refused at once), so connect failures are real; the data path itself is covered end to end in
/// ActorBot.Host.Tests/Testnet.
/// </summary>
public sealed class MarketDataActorTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly HttpClient _http = new();

    void IDisposable.Dispose() => _http.Dispose();

    private (IActorRef Market, Akka.TestKit.TestProbe Bot, Akka.TestKit.TestProbe Health) Start()
    {
        var settings = new VenueSettings(
            "binance-usdm",
            new Uri("http://127.0.0.1:1"),
            new Uri("ws://127.0.0.1:1"),
            ["BTCUSDT"],
            ConnectTimeout: TimeSpan.FromSeconds(1),
            StreamStallTimeout: TimeSpan.FromSeconds(1),
            DisabledGrace: TimeSpan.FromSeconds(1),
            ReconnectMaxDelay: TimeSpan.FromMilliseconds(50));
        var errors = new DecodeErrorCounter();
        var rest = new BinanceRestClient(_http, new BinanceRestOptions { BaseAddress = settings.RestBaseUri, MaxRetries = 0 }, null, errors);
        var bot = CreateTestProbe("bot");
        var health = CreateTestProbe("health");
        var market = Sys.ActorOf(Props.Create(() => new MarketDataActor(settings, rest, errors, bot.Ref, health.Ref)), "market");
        return (market, bot, health);
    }

    [Fact(DisplayName = "Market data is forwarded to the bot; overlapping backfills raise Backfilling once and clear it when the last ends")]
    public void ForwardsAndReportsBackfills()
    {
        var (market, bot, _) = Start();
        market.Tell(new MarketDataSeen("BTCUSDT", 1_000));
        bot.ExpectMsg<MarketDataSeen>().EventTimeMs.Should().Be(1_000);

        market.Tell(new BackfillStarted("BTCUSDT", 5));
        bot.ExpectMsg<RaisePause>().Reason.Should().Be(PauseReason.Backfilling("BTCUSDT"));
        market.Tell(new BackfillStarted("BTCUSDT", 3));
        market.Tell(new BackfillFinished("BTCUSDT", 5, 0));
        bot.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        market.Tell(new BackfillFinished("BTCUSDT", 3, 0));
        bot.ExpectMsg<ClearPause>().Reason.Should().Be(PauseReason.Backfilling("BTCUSDT"));

        market.Tell(GetMarketStreamStatus.Instance, TestActor);
        ExpectMsg<MarketStreamStatus>().Backfills.Should().Be(2);
    }

    [Fact(DisplayName = "A venue that refuses connections is retried and counted, the stream never reports up, and nothing crashes")]
    public void RefusedConnectsAreCounted()
    {
        var (market, _, health) = Start();
        AwaitAssert(
            () =>
            {
                market.Tell(GetMarketStreamStatus.Instance, TestActor);
                var status = ExpectMsg<MarketStreamStatus>();
                status.ConnectFailures.Should().BeGreaterThanOrEqualTo(2);
                status.Up.Should().BeFalse();
                status.LastError.Should().StartWith("connect:");
            },
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(50));
        // Health only hears "still down", with the reason, never "up".
        var report = health.ExpectMsg<StreamStateChanged>();
        report.Up.Should().BeFalse();
        report.Detail.Should().StartWith("connect:");
    }
}
