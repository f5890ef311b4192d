using ActorBot.Domain.Bars;
using ActorBot.Domain.Paper;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Venues.Paper;

/// <summary>/execution in paper mode on the in-memory journal: fill modes, brackets on later prints, close, kill switch.</summary>
public sealed class PaperExecutionActorTests : Akka.TestKit.Xunit2.TestKit
{
    internal const string Btc = "BTCUSDT";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public PaperExecutionActorTests()
        : base(ConfigurationFactory.ParseString("""
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            akka.loglevel = WARNING
            """))
    {
    }

    internal static PaperSettings Settings(PaperFillMode mode = PaperFillMode.Marketable, decimal slippageBps = 0m, decimal takerFeeBps = 5m) =>
        new("binance-usdm", new PaperFillSettings(mode, slippageBps, takerFeeBps, 2m), 1_000m, RiskSettingsReader.FromConfig(Config.Empty).FiltersFor);

    /// <summary>Prints as the market actor sends them: (trade id, price, exchange time).</summary>
    internal static TradeBatch Prints(params (long Id, double Price, long TimeMs)[] prints) =>
        new(Btc, prints.Select(p => new TradeTick(p.TimeMs, p.Price, 0.01, false, p.Id)).ToArray());

    /// <summary>A long of 0.01 BTC with its stop at 59,900 and its target at 60,400.</summary>
    internal static PlaceEntry Entry(string eventId, IActorRef replyTo, int side = 1, decimal stop = 59_900m, decimal take = 60_400m) =>
        new(Btc, eventId, 1_000, side, 0.01m, stop, take, replyTo);

    private static PaperExecutionStatus PaperStatus(IActorRef paper) =>
        paper.Ask<PaperExecutionStatus>(GetPaperExecutionStatus.Instance, Wait).GetAwaiter().GetResult();

    private static ExecutionStatus ExecStatus(IActorRef paper) =>
        paper.Ask<ExecutionStatus>(GetExecutionStatus.Instance, Wait).GetAwaiter().GetResult();

    private static decimal Fee(decimal price) => price * 0.01m * 5m / 10_000m;

    [Fact(DisplayName = "Mode none never fills: EntryFailed(paper_fill_none), counted, nothing open")]
    public void NoneNeverFills()
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings(PaperFillMode.None)));
        paper.Tell(Prints((1, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor));
        ExpectMsg<EntryFailed>(Wait).Should().Be(new EntryFailed(Btc, "e1", "paper_fill_none"));
        var status = PaperStatus(paper);
        status.Fills.Should().Be(0);
        status.RefusedByReason.Should().Equal(new Dictionary<string, long> { ["paper_fill_none"] = 1 });
        ExecStatus(paper).OpenPositions.Should().BeEmpty();
    }

    [Fact(DisplayName = "No print seen yet for the symbol: EntryFailed(paper_no_quote)")]
    public void NoQuote()
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        paper.Tell(Entry("e1", TestActor));
        ExpectMsg<EntryFailed>(Wait).Reason.Should().Be("paper_no_quote");
    }

    [Theory(DisplayName = "marketable, mid and always fill at the last print plus slippage, taker fee recorded; brackets from the fill")]
    [InlineData(PaperFillMode.Marketable)]
    [InlineData(PaperFillMode.Mid)]
    [InlineData(PaperFillMode.Always)]
    public void FillModes(PaperFillMode mode)
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings(mode, slippageBps: 10m)));
        paper.Tell(Prints((1, 59_000, 900), (2, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor, side: -1, stop: 60_300m, take: 59_500m));
        // A sell slips down: 60,000 × (1 − 10 bps).
        ExpectMsg<EntryFilled>(Wait).Should().Be(new EntryFilled(Btc, "e1", 59_940m, 0.01m));
        ExpectMsg<BracketsPlaced>(Wait).Should().Be(new BracketsPlaced(Btc, "e1", 60_300m, 59_500m));
        var status = PaperStatus(paper);
        status.Should().BeEquivalentTo(new { Mode = mode, Fills = 1L, FeesUsd = Fee(59_940m), SlippageUsd = 0.6m, OpenTrades = 1 });
        var open = ExecStatus(paper).OpenPositions.Single();
        open.EntryPrice.Should().Be(59_940m);
        open.StopLossId.Should().NotBeNull();
    }

    [Fact(DisplayName = "Brackets trigger only on later prints: a stop-level print before the fill, or at its time, does not; a later one closes at sl net of fees")]
    public void OnlyLaterPrints()
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        // The stop-level print comes first in the batch; the entry fills at the batch's last print (60,000 at t=1,000).
        paper.Tell(Prints((1, 59_800, 1_000), (2, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor));
        ExpectMsg<EntryFilled>(Wait).AveragePrice.Should().Be(60_000m);
        ExpectMsg<BracketsPlaced>(Wait);
        paper.Tell(Prints((2, 59_800, 1_000), (3, 59_850, 1_000)));
        PaperStatus(paper).OpenTrades.Should().Be(1, "prints of the fill's millisecond never trigger");

        paper.Tell(Prints((4, 60_100, 1_001), (5, 59_850, 1_002), (6, 59_500, 1_003)));
        var closed = ExpectMsg<PositionClosed>(Wait);
        closed.Should().Be(new PositionClosed(Btc, "e1", 59_850m, 0.01m, ((59_850m - 60_000m) * 0.01m) - Fee(59_850m) - Fee(60_000m), "sl"));
        var status = PaperStatus(paper);
        status.ClosesByReason.Should().Equal(new Dictionary<string, long> { ["sl"] = 1 });
        status.RealizedPnlUsd.Should().Be(closed.RealizedPnl);
        status.OpenTrades.Should().Be(0);
    }

    [Fact(DisplayName = "Take-profit on a later print; a re-sent PlaceEntry is never filled twice")]
    public void TakeProfitAndDuplicate()
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        paper.Tell(Prints((1, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor));
        ExpectMsg<EntryFilled>(Wait);
        ExpectMsg<BracketsPlaced>(Wait);
        paper.Tell(Entry("e1", TestActor));
        paper.Tell(Prints((2, 60_450, 2_000)));
        ExpectMsg<PositionClosed>(Wait).Reason.Should().Be("tp");
        paper.Tell(Entry("e1", TestActor));
        var status = ExecStatus(paper);
        status.Counters.Should().Contain("intent duplicate", 2).And.Contain("entry filled", 1).And.Contain("closed tp", 1);
    }

    [Fact(DisplayName = "A fill beyond the stop is flattened at once (flatten_bracket_failed), never left without brackets")]
    public void FillBeyondStopFlattens()
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        paper.Tell(Prints((1, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor, stop: 60_050m));
        ExpectMsg<EntryFilled>(Wait);
        ExpectMsg<PositionClosed>(Wait).Should().Be(new PositionClosed(Btc, "e1", 60_000m, 0.01m, -2 * Fee(60_000m), "flatten_bracket_failed"));
    }

    [Fact(DisplayName = "ClosePosition closes at the next print with the message's reason; an unknown or repeated close is ignored")]
    public void ClosePositionAtNextPrint()
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        paper.Tell(Prints((1, 60_000, 1_000)));
        paper.Tell(Entry("e1", TestActor));
        ExpectMsg<EntryFilled>(Wait);
        ExpectMsg<BracketsPlaced>(Wait);
        paper.Tell(new ClosePosition(Btc, "e1", "horizon"));
        paper.Tell(new ClosePosition(Btc, "e1", "horizon"));
        paper.Tell(new ClosePosition(Btc, "nope", "horizon"));
        PaperStatus(paper).OpenTrades.Should().Be(1, "the close waits for a print");
        paper.Tell(Prints((2, 60_050, 2_000)));
        ExpectMsg<PositionClosed>(Wait).Should().Be(new PositionClosed(Btc, "e1", 60_050m, 0.01m, 0.5m - Fee(60_050m) - Fee(60_000m), "horizon"));
        ExecStatus(paper).Counters.Should().Contain("close ignored", 2);
    }

    [Fact(DisplayName = "CancelAll with flatten closes every position at the last print (kill_switch); without, brackets go and the position stays")]
    public void CancelAll()
    {
        var paper = Sys.ActorOf(PaperExecutionActor.Props(Settings()));
        var risk = CreateTestProbe();
        paper.Tell(Prints((1, 60_000, 1_000)));
        paper.Tell(Entry("e1", risk.Ref));
        risk.ExpectMsg<EntryFilled>(Wait);
        risk.ExpectMsg<BracketsPlaced>(Wait);

        paper.Tell(new CancelAll(false, TestActor));
        ExpectMsg<CancelAllDone>(Wait).Should().BeEquivalentTo(new { OrdersCanceled = 0, AlgoOrdersCanceled = 2, PositionsFlattened = 0 });
        var open = ExecStatus(paper).OpenPositions.Single();
        open.StopLossId.Should().BeNull("its brackets are canceled");
        paper.Tell(Prints((2, 59_000, 2_000)));

        paper.Tell(new CancelAll(true, TestActor));
        risk.ExpectMsg<PositionClosed>(Wait).Should().Be(new PositionClosed(Btc, "e1", 59_000m, 0.01m, -10m - Fee(59_000m) - Fee(60_000m), "kill_switch"));
        ExpectMsg<CancelAllDone>(Wait).Should().BeEquivalentTo(new { AlgoOrdersCanceled = 0, PositionsFlattened = 1 });
        ExecStatus(paper).OpenPositions.Should().BeEmpty();
    }
}
