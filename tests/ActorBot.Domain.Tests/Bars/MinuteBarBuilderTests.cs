using ActorBot.Domain.Bars;

namespace ActorBot.Domain.Tests.Bars;

public sealed class MinuteBarBuilderTests
{
    private const long T0 = 1_715_000_000_000 - (1_715_000_000_000 % 60_000);

    [Fact(DisplayName = "A bar is labelled by its open minute and emitted only when a later minute's trade closes it")]
    public void EmitsOnNextMinute()
    {
        var b = new MinuteBarBuilder();
        b.OnTrade(new TradeTick(T0 + 1_000, 100, 1, false), out _).Should().BeNull();
        b.OnTrade(new TradeTick(T0 + 20_000, 103, 2, true), out _).Should().BeNull();
        b.OnTrade(new TradeTick(T0 + 40_000, 99, 0.5, false), out _).Should().BeNull();
        b.OnTrade(new TradeTick(T0 + 59_999, 101, 1.5, true), out _).Should().BeNull();
        var bar = b.OnTrade(new TradeTick(T0 + 60_000, 102, 1, false), out var rejection);
        rejection.Should().Be(TradeRejection.None);
        bar.Should().Be(new Bar(T0, 100, 103, 99, 101, 5, 1.5, 3.5, 4));
        bar!.CloseTimeMs.Should().Be(T0 + 60_000);
    }

    [Fact(DisplayName = "The injected clock closes a bar at the minute's end and not a millisecond earlier")]
    public void ClockCloses()
    {
        var b = new MinuteBarBuilder();
        b.OnTrade(new TradeTick(T0 + 5, 100, 1, false), out _);
        b.OnClock(T0 + 59_999).Should().BeNull();
        b.OnClock(T0 + 60_000)!.OpenTimeMs.Should().Be(T0);
        b.OnClock(T0 + 120_000).Should().BeNull("no trades, no bar");
    }

    [Fact(DisplayName = "Minutes without trades produce no bar, as the research drops them")]
    public void EmptyMinutesDropped()
    {
        var b = new MinuteBarBuilder();
        b.OnTrade(new TradeTick(T0, 100, 1, false), out _);
        var bar = b.OnTrade(new TradeTick(T0 + (3 * 60_000), 100, 1, false), out _);
        bar!.OpenTimeMs.Should().Be(T0);
        b.Flush()!.OpenTimeMs.Should().Be(T0 + (3 * 60_000));
    }

    [Fact(DisplayName = "A late trade for an emitted minute and a malformed trade are rejected and counted, never crash")]
    public void RejectsBadTrades()
    {
        var b = new MinuteBarBuilder();
        b.OnTrade(new TradeTick(T0 + 10, 100, 1, false), out _);
        b.OnClock(T0 + 60_000).Should().NotBeNull();
        b.OnTrade(new TradeTick(T0 + 20, 100, 1, false), out var late).Should().BeNull();
        late.Should().Be(TradeRejection.Late);
        b.OnTrade(new TradeTick(T0 + 60_010, double.NaN, 1, false), out var nan).Should().BeNull();
        nan.Should().Be(TradeRejection.Malformed);
        b.OnTrade(new TradeTick(T0 + 60_010, 100, -1, false), out var neg).Should().BeNull();
        neg.Should().Be(TradeRejection.Malformed);
        b.LateTrades.Should().Be(1);
        b.MalformedTrades.Should().Be(2);
    }

    [Fact(DisplayName = "The research tick snap uses half-even rounding and a plain IEEE product")]
    public void TickSnap()
    {
        PriceGrid.Snap(64138.1, 0.1).Should().Be(641381 * 0.1);
        (641381 * 0.1).Should().Be(64138.100000000006);
        PriceGrid.Snap(0.25, 0.5).Should().Be(0.0, "0.5 ties go to the even multiple");
        PriceGrid.Snap(0.75, 0.5).Should().Be(1.0);
    }

    [Fact(DisplayName = "Research chunking starts a new chunk when an eleventh UTC date appears and removes exact duplicates")]
    public void Chunking()
    {
        const long day = ResearchTickChunker.DayMs;
        var ticks = new List<TradeTick>();
        for (var d = 0; d < 12; d++)
        {
            ticks.Add(new TradeTick(d * day + 5, 100, 1, false));
        }

        ticks.Insert(1, ticks[0]);
        var chunks = ResearchTickChunker.Chunk(ticks, 10).ToList();
        chunks.Select(c => c.Count).Should().Equal(10, 2);
        chunks[0][0].TimestampMs.Should().Be(5);
    }
}
