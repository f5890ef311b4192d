using ActorBot.Domain.Liquidations;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Symbols;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Liquidations;

/// <summary>
/// The API's questions to /liquidations on the recorded day: one history record per closed minute, appended to
/// <c>liq_heatmap_v2_BTC.bin</c> and reloaded by the next incarnation; the events it received; the OI per venue.
/// </summary>
public sealed class LiquidationApiQueriesTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string Symbol = RecordedLiquidationDay.Symbol;
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-liqhist-").FullName;

    [Fact(DisplayName = "History per closed minute survives a restart through the ring file; events and OI are answered")]
    public void HistoryEventsAndOpenInterest()
    {
        var minutes = RecordedLiquidationDay.Minutes(40);
        var zones = CreateTestProbe("zones");
        var first = Start(zones, "liquidations-1");
        var sent = new List<LiquidationEvent>();
        for (var i = 0; i < minutes.Count; i++)
        {
            var (minute, trades, liquidations) = minutes[i];
            first.Tell(new TradeBatch(Symbol, trades));
            foreach (var liquidation in liquidations)
            {
                first.Tell(new LiquidationReceived(liquidation));
                sent.Add(liquidation);
            }

            first.Tell(new OpenInterestSampled("binance-usdm", Symbol, 50_000 + (100.0 * i), minute + 30_000));
        }

        zones.ReceiveN(minutes.Count - 1, TimeSpan.FromSeconds(10));
        first.Tell(new GetLiquidationHistory(Symbol));
        var history = ExpectMsg<LiquidationHistory>().Frames;
        history.Should().HaveCount(minutes.Count - 1, "one record per closed minute");
        history.Select(f => (long)(f.Ts / 60)).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        history.Should().OnlyContain(f => f.BucketCount > 0 && f.Step == 20.0);

        first.Tell(new GetLiquidationEvents(Symbol, 0, 5000));
        ExpectMsg<LiquidationEvents>().Events.Should().Equal(sent);
        first.Tell(new GetLiquidationEvents(Symbol, sent[^3].TimestampMs - 1, 2));
        ExpectMsg<LiquidationEvents>().Events.Should().Equal(sent[^2], sent[^1]);
        first.Tell(new GetOpenInterest(Symbol));
        var oi = ExpectMsg<OpenInterestState>();
        oi.PerVenue.Should().ContainKey("binance-usdm").WhoseValue.Should().Be(50_000 + (100.0 * (minutes.Count - 1)));
        oi.LastSampleMs.Should().Be(minutes[^1].MinuteMs + 30_000);

        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        File.Exists(Path.Combine(_dir, "liq_heatmap_v2_BTC.bin")).Should().BeTrue();
        var second = Start(zones, "liquidations-2");
        second.Tell(new GetLiquidationHistory(Symbol));
        ExpectMsg<LiquidationHistory>().Frames.Select(f => f.Ts).Should().Equal(history.Select(f => f.Ts), "reloaded from the ring file");
    }

    private IActorRef Start(Akka.TestKit.TestProbe zones, string name) =>
        Sys.ActorOf(Props.Create(() => new LiquidationsActor(Symbol, new BucketGrid(20m), TimeSpan.FromSeconds(2), zones.Ref, null, _dir)), name);

    void IDisposable.Dispose()
    {
        Shutdown();
        Directory.Delete(_dir, recursive: true);
    }
}
