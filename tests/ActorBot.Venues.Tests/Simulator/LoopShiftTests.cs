using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Simulator.Replay;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary>A looped replay (`run --follow`) reads to a client as one continuous, gap-free aggTrade stream.</summary>
public sealed class LoopShiftTests
{
    private static AggTrade Trade(string symbol, long id, long timeMs) => new(symbol, timeMs, id, 100m, 1m, id * 10, (id * 10) + 2, timeMs, false);

    [Fact(DisplayName = "Pass 0 is unchanged; pass 1 continues the ids with no gap and moves times by whole minutes past the data's span")]
    public void Passes_continue_ids_and_time()
    {
        var shift = new LoopShift();
        var day = new[] { Trade("BTCUSDT", 500, 1_000_030_000), Trade("ETHUSDT", 7, 1_000_040_000), Trade("BTCUSDT", 501, 1_000_190_000) };

        day.Select(shift.Apply).Should().Equal(day, "the first pass is the recording itself");
        shift.NextPass();
        var second = day.Select(shift.Apply).ToList();
        shift.NextPass();
        var third = day.Select(shift.Apply).ToList();

        // Span 160 s → the next pass starts 3 whole minutes later: after the last trade, bar alignment kept.
        shift.TimeShiftMs.Should().Be(2 * 180_000);
        second.Select(t => t.TradeTimeMs).Should().Equal(1_000_210_000, 1_000_220_000, 1_000_370_000);
        second[0].TradeTimeMs.Should().BeGreaterThan(day[^1].TradeTimeMs);
        second.Where(t => t.Symbol == "BTCUSDT").Select(t => t.AggregateTradeId).Should().Equal(502, 503);
        second.Where(t => t.Symbol == "ETHUSDT").Select(t => t.AggregateTradeId).Should().Equal(8);
        third.Where(t => t.Symbol == "BTCUSDT").Select(t => t.AggregateTradeId).Should().Equal(504, 505);
        second[0].FirstTradeId.Should().Be(5002);
        second[0].EventTimeMs.Should().Be(second[0].TradeTimeMs);
    }

    [Fact(DisplayName = "An empty pass moves nothing")]
    public void Empty_pass()
    {
        var shift = new LoopShift();
        shift.NextPass();
        shift.TimeShiftMs.Should().Be(0);
        var t = Trade("BTCUSDT", 1, 60_000);
        shift.Apply(t).Should().Be(t);
    }
}
