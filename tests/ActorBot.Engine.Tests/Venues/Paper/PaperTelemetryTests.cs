using ActorBot.Domain.Execution;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using Akka.Actor;
using Akka.Configuration;
using static ActorBot.Engine.Tests.Venues.Paper.PaperExecutionActorTests;

namespace ActorBot.Engine.Tests.Venues.Paper;

/// <summary>The paper execution's telemetry: the order, fill and position_closed lines testnet's journal gives, with route paper.</summary>
public sealed class PaperTelemetryTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public PaperTelemetryTests()
        : base(ConfigurationFactory.ParseString("""
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            akka.loglevel = WARNING
            """))
    {
    }

    [Fact(DisplayName = "A paper trade to its TP publishes entry sent, entry fill at the print, SL and TP sent, TP triggered and filled, SL canceled, position closed")]
    public void Trade_to_take_profit()
    {
        var lines = CreateTestProbe();
        foreach (var type in new[] { typeof(PaperOrderRecorded), typeof(PaperFillRecorded), typeof(PaperPositionClosed) })
        {
            Sys.EventStream.Subscribe(lines.Ref, type);
        }

        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        paper.Tell(Prints((7, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor));
        ExpectMsg<EntryFilled>(Wait);
        paper.Tell(Prints((8, 60_400, 2_000)));
        var closed = FishForMessage<PositionClosed>(_ => true, Wait);

        string Id(OrderLeg leg) => ClientOrderId.Create("snap", Btc, 1_000, leg);
        var got = Enumerable.Range(0, 8).Select(_ => lines.ExpectMsg<object>(Wait)).ToList();
        got.Should().Equal(
            new PaperOrderRecorded("binance-usdm", Btc, "e1", "entry", "sent", Id(OrderLeg.Entry), "BUY", 0.01m, null, "SL 59900 TP 60400"),
            new PaperFillRecorded("binance-usdm", Btc, "e1", Id(OrderLeg.Entry), 7, 0.01m, 60_000m, 0.3m, "entry"),
            new PaperOrderRecorded("binance-usdm", Btc, "e1", "sl", "sent", Id(OrderLeg.StopLoss), null, 0.01m, 59_900m, null),
            new PaperOrderRecorded("binance-usdm", Btc, "e1", "tp", "sent", Id(OrderLeg.TakeProfit), null, 0.01m, 60_400m, null),
            new PaperOrderRecorded("binance-usdm", Btc, "e1", "tp", "triggered", Id(OrderLeg.TakeProfit), null, null, null, null),
            new PaperFillRecorded("binance-usdm", Btc, "e1", Id(OrderLeg.TakeProfit), 8, 0.01m, 60_400m, 0.302m, "tp"),
            new PaperOrderRecorded("binance-usdm", Btc, "e1", "sl", "canceled", Id(OrderLeg.StopLoss), null, null, null, null),
            new PaperPositionClosed("binance-usdm", Btc, "e1", "tp", 60_400m, 0.01m, closed.RealizedPnl));

        // Formatted with route paper, and valid against the schema the checker uses.
        var text = got.Select((l, i) => TelemetryLines.Format(l, 1_000 + i, i + 1)!).ToList();
        text.Should().OnlyContain(l => l.Contains("\"route\":\"paper\"", StringComparison.Ordinal));
        Domain.Telemetry.TelemetryValidator.Validate(text).Ok.Should().BeTrue();
    }

    [Fact(DisplayName = "A kill-switch flatten publishes the brackets canceled, a flatten sent and filled, and the position closed")]
    public void Kill_switch_flatten()
    {
        var lines = CreateTestProbe();
        Sys.EventStream.Subscribe(lines.Ref, typeof(PaperOrderRecorded));
        Sys.EventStream.Subscribe(lines.Ref, typeof(PaperFillRecorded));
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        paper.Tell(Prints((7, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor));
        ExpectMsg<EntryFilled>(Wait);
        ExpectMsg<BracketsPlaced>(Wait);
        lines.ReceiveN(4, Wait);

        paper.Tell(new CancelAll(true, TestActor));
        ExpectMsg<PositionClosed>(Wait);
        ExpectMsg<CancelAllDone>(Wait);
        var got = lines.ReceiveN(4, Wait).ToList();
        got.OfType<PaperOrderRecorded>().Select(o => (o.Kind, o.Status)).Should().Equal(("sl", "canceled"), ("tp", "canceled"), ("flatten", "sent"));
        got.OfType<PaperOrderRecorded>().Last().Side.Should().Be("SELL", "a long is flattened by a sell");
        got.OfType<PaperFillRecorded>().Single().Should().BeEquivalentTo(new { Leg = "flatten", TradeId = 7L, Price = 60_000m });
    }
}
