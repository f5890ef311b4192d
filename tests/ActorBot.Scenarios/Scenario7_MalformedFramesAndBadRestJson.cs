using ActorBot.Engine.Bot;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Scenarios.ScenarioA;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.TestKit;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 7 (issue 11): the venue subtree <c>/user/binance-usdm</c> (the service's <see cref="VenueActor"/>, market
/// data only) on Akka.TestKit, streaming <c>btcusdt@aggTrade</c> from the in-process simulator over loopback, with a
/// probe as the bot. The simulator injects three kinds of malformed WebSocket frame (an unparseable envelope, a
/// truncated payload, a payload with a bad number) and one truncated REST answer during a backfill. Each is counted
/// in the venue's <c>decode_errors_total</c> under its source and reason, nothing restarts, and the good frames
/// before, between and after are all delivered in order.
/// </summary>
// One at a time: each starts real services and sockets, and timing assertions must not compete with each other.
[Collection(ScenarioACollection.Name)]
public sealed class Scenario7_MalformedFramesAndBadRestJson : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Btc = "BTCUSDT";
    private const string Stream = "btcusdt@aggTrade";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private SimulatorHost? _sim;

    public async Task InitializeAsync() =>
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, AutoStartReplay = false });

    public async Task DisposeAsync()
    {
        Shutdown();
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }
    }

    [Fact(DisplayName = "Scenario 7: malformed WS frames and a truncated REST answer are each counted by source and reason, no actor restarts, and every good trade after them is still delivered")]
    public async Task Malformed_ws_frames_and_bad_rest_json_are_counted_and_crash_nothing()
    {
        var sim = _sim!;
        var bot = CreateTestProbe("bot");
        var settings = new VenueSettings("binance-usdm", sim.RestUri, sim.WsUri, [Btc],
            ConnectTimeout: TimeSpan.FromSeconds(2),
            // Longer than the test: no stall may recycle the socket, so Connects stays 1.
            StreamStallTimeout: TimeSpan.FromSeconds(30),
            DisabledGrace: TimeSpan.FromSeconds(30),
            ReconnectMaxDelay: TimeSpan.FromMilliseconds(200));
        var venue = ActorOfAsTestActorRef<VenueActor>(Props.Create(() => new VenueActor(settings, bot.Ref, null, null)), "binance-usdm");
        await AwaitConditionAsync(() => Task.FromResult(sim.Streams.AnySubscribed(Stream)), Deadline);

        sim.PublishTrade(Btc, 100m, 1m, 1);
        ExpectTrades(bot, 1);

        // Three malformed frames on the stream: not JSON at all (no envelope), a truncated payload, a bad price.
        sim.InjectRawFrame(Stream, "\u0000garbage, not a frame");
        sim.Streams.Publish(Stream, "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":");
        sim.Streams.Publish(Stream, "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":2,\"p\":\"abc\",\"q\":\"1\",\"f\":2,\"l\":2,\"T\":1,\"m\":false}");
        sim.PublishTrade(Btc, 101m, 1m, 2);
        ExpectTrades(bot, 2);

        // Trades 3 and 4 are missed by the socket; the backfill's REST answer comes back cut in half.
        SimTrades.Missed(sim, Btc, 101m, 3);
        SimTrades.Missed(sim, Btc, 101m, 4);
        sim.Faults.BadJsonRemaining = 1;
        sim.PublishTrade(Btc, 102m, 1m, 5);
        ExpectTrades(bot, 5);

        // The next gap backfills normally: the REST path is not poisoned by the bad answer.
        SimTrades.Missed(sim, Btc, 102m, 6);
        SimTrades.Missed(sim, Btc, 102m, 7);
        sim.PublishTrade(Btc, 103m, 1m, 8);
        ExpectTrades(bot, 6, 7, 8);

        var errors = venue.UnderlyingActor.Errors;
        errors.Snapshot().Should().BeEquivalentTo(new Dictionary<(string, string), long>
        {
            [("ws.frame", "malformed_json")] = 1,
            [("aggTrade", "malformed_json")] = 1,
            [("aggTrade", "invalid_number")] = 1,
            [("rest.aggTrades", "malformed_json")] = 1,
        });
        sim.Faults.BadJsonRemaining.Should().Be(0, "the fault was consumed by the backfill's request");

        var status = await venue.Ask<MarketStreamStatus>(GetMarketStreamStatus.Instance, Deadline);
        status.DecodeErrors.Should().Be(4);
        status.TradesForwarded.Should().Be(6, "trades 1, 2, 5, 6, 7, 8");
        status.Backfills.Should().Be(2);
        status.TradesBackfilled.Should().Be(2, "6 and 7");
        status.TradesUnfilled.Should().Be(2, "3 and 4: their backfill answer was malformed");
        status.PipelineFailures.Should().Be(0);
        status.Reconnects.Should().Be(0, "a bad frame never costs the socket");
        status.Up.Should().BeTrue();

        var ledger = RestartLedger.For(Sys);
        foreach (var path in new[] { venue.Path, venue.Path / "health", venue.Path / "market" })
        {
            ledger.Get(path).Restarts.Should().Be(0, $"{path} did not restart");
        }

        (await Sys.ActorSelection(venue.Path / "market").ResolveOne(Deadline)).Should().NotBeNull("the tree is alive");
    }

    /// <summary>The next trade batch the bot gets carries exactly these aggregate trade ids (pause messages in between are skipped).</summary>
    private static void ExpectTrades(TestProbe bot, params long[] ids)
    {
        var batch = (TradeBatch)bot.FishForMessage(m => m is TradeBatch, Deadline);
        batch.Symbol.Should().Be(Btc);
        batch.Trades.ToArray().Select(t => t.TradeId).Should().Equal(ids);
    }
}
