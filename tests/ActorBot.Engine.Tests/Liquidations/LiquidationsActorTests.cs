using System.Text.Json;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Liquidations;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Liquidations;

/// <summary>
/// /liquidations on real recorded inputs (the bundled day's trades and the bundled real liquidation tape moved onto it,
/// see <see cref="RecordedLiquidationDay"/>), with a probe as /zones: it closes one minute per completed minute in
/// order, sends each one's zone inputs, and its V2 snapshot holds the tape's buckets and the inference's projections.
/// </summary>
public sealed class LiquidationsActorTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Symbol = RecordedLiquidationDay.Symbol;

    [Fact(DisplayName = "Recorded trades and liquidations: one ZoneMinuteInput per completed minute in order, and a V2 snapshot with tape buckets and projections")]
    public void ClosesMinutesAndServesASnapshotWithBuckets()
    {
        // 100 minutes: the tape's first liquidations are sparse (one in the first 20 minutes, a cluster after 30).
        var minutes = RecordedLiquidationDay.Minutes(100);
        var zones = CreateTestProbe("zones");
        var actor = Sys.ActorOf(Props.Create(() => new LiquidationsActor(Symbol, new BucketGrid(20m), TimeSpan.FromSeconds(2), zones.Ref, null)), "liquidations");
        var sent = 0;
        for (var i = 0; i < minutes.Count; i++)
        {
            var (minute, trades, liquidations) = minutes[i];
            actor.Tell(new TradeBatch(Symbol, trades));
            foreach (var liquidation in liquidations)
            {
                actor.Tell(new LiquidationReceived(liquidation));
                sent++;
            }

            // Open interest rising 0.2 % a minute (base units): the inference has deltas to project.
            actor.Tell(new OpenInterestSampled("binance-usdm", Symbol, 50_000 + (100.0 * i), minute + 30_000));
        }

        sent.Should().BeGreaterThan(0, "the tape's first 100 minutes hold liquidations");
        // Every minute but the open last one is closed by a later trade, each exactly once, in order.
        var closed = Enumerable.Range(0, minutes.Count - 1).Select(_ => zones.ExpectMsg<ZoneMinuteInput>(TimeSpan.FromSeconds(5))).ToList();
        closed.Select(z => z.Minute.MinuteMs).Should().Equal(minutes.Take(minutes.Count - 1).Select(m => m.MinuteMs));
        closed.SelectMany(z => z.Minute.Evidence).Should().Contain(e => e.Source == Domain.Liquidations.Zones.ZoneSource.Tape)
            .And.Contain(e => e.Source == Domain.Liquidations.Zones.ZoneSource.Inference);

        actor.Tell(new GetLiquidationSnapshot(Symbol));
        var reply = ExpectMsg<LiquidationSnapshot>();
        reply.Unavailable.Should().BeNull();
        var snapshot = reply.Snapshot!;
        snapshot.Symbol.Should().Be("BTC");
        snapshot.Stats.Tape.TotalEvents.Should().Be(sent);
        (snapshot.Stats.Tape.LongBuckets + snapshot.Stats.Tape.ShortBuckets).Should().BeGreaterThan(0);
        snapshot.LongTapeUsd.Concat(snapshot.ShortTapeUsd).Should().Contain(x => x > 0);
        snapshot.LongProjectedUsd.Concat(snapshot.ShortProjectedUsd).Should().Contain(x => x > 0);
        (snapshot.LongLevels.Count + snapshot.ShortLevels.Count).Should().BeGreaterThan(0, "the combined map has pools");
        snapshot.Stats.CurrentMinute.Should().Be(minutes[^2].MinuteMs / 60_000, "keyed by the completed minute, not the next one");
    }

    [Fact(DisplayName = "Bad input (a NaN trade, another symbol's liquidation, negative OI, weights off the ladder) is counted and the actor keeps answering")]
    public void BadInputIsCounted()
    {
        var zones = CreateTestProbe("zones");
        var actor = Sys.ActorOf(Props.Create(() => new LiquidationsActor(Symbol, new BucketGrid(20m), TimeSpan.FromSeconds(2), zones.Ref, null)), "liquidations");
        actor.Tell(new TradeBatch(Symbol, new[] { new TradeTick(1_000, double.NaN, 1, false) }));
        actor.Tell(new LiquidationReceived(new LiquidationEvent("binance-usdm", "ETHUSDT", LiquidationSide.Long, 3000m, 1m, 1_000)));
        actor.Tell(new OpenInterestSampled("binance-usdm", Symbol, -5, 1_000));
        actor.Tell(new UpdateLeverageWeights(Symbol, new Dictionary<int, double> { [7] = 0.5 }, 0.002));
        actor.Tell(new GetLiquidationSnapshot(Symbol));
        ExpectMsg<LiquidationSnapshot>().Unavailable.Should().NotBeNull("no price yet to centre a snapshot on");

        actor.Tell(ProbeState.Instance);
        var summary = JsonDocument.Parse(JsonSerializer.Serialize(ExpectMsg<ActorProbe>().Summary)).RootElement;
        summary.GetProperty("badTrades").GetInt64().Should().Be(1);
        summary.GetProperty("wrongSymbol").GetInt64().Should().Be(1);
        summary.GetProperty("badOpenInterest").GetInt64().Should().Be(1);
        summary.GetProperty("refusedWeights").GetInt64().Should().Be(1);
        summary.GetProperty("liquidations").GetInt64().Should().Be(0);
    }

    [Fact(DisplayName = "Open interest from two venues is summed per symbol (base units), each venue at its latest sample")]
    public void OpenInterestIsSummedOverVenues()
    {
        var zones = CreateTestProbe("zones");
        var actor = Sys.ActorOf(Props.Create(() => new LiquidationsActor(Symbol, new BucketGrid(20m), TimeSpan.FromSeconds(2), zones.Ref, null)), "liquidations");
        actor.Tell(new OpenInterestSampled("binance-usdm", Symbol, 100, 1_000));
        actor.Tell(new OpenInterestSampled("bybit-linear", Symbol, 40, 1_000));
        actor.Tell(new OpenInterestSampled("binance-usdm", Symbol, 110, 2_000));
        actor.Tell(ProbeState.Instance);
        var summary = JsonDocument.Parse(JsonSerializer.Serialize(ExpectMsg<ActorProbe>().Summary)).RootElement;
        summary.GetProperty("openInterestBase").GetDouble().Should().Be(150);
        summary.GetProperty("openInterestVenues").GetInt32().Should().Be(2);
    }
}
