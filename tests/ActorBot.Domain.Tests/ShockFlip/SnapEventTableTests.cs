using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip;

namespace ActorBot.Domain.Tests.ShockFlip;

public sealed class SnapEventTableTests
{
    [Fact(DisplayName = "A table row uses the research timestamp format, round-trip numbers, 'nan' for undefined values and both labels")]
    public void RowFormat()
    {
        var bar = new Bar(1_714_565_160_000, 57700.0, 57858.4, 57700.0, 0.1 + 0.2, 10, 4, 6, 12);
        var f = new BarFeatures { Bar = bar, Index = 726, Atr = 62.66166666666638, AtrPct = double.NaN, TrendDir = 1 };
        var e = ShockFlipEvent.From(f, -1) with { RelVolDecile = 1 };
        var research = new TradeOutcome(3.99999999999995, 4.2, -0.3, ExitReason.TakeProfit, bar.OpenTimeMs, 1, false, 1);
        var causal = new TradeOutcome(0.0, 1.1, -0.3, ExitReason.Breakeven, bar.OpenTimeMs + 120_000, 1, true, 2);
        var row = SnapEventTable.Row(new SnapEventRow("BTCUSDT", e, research, causal), FeatureMode.Causal).Split(',');
        var header = SnapEventTable.Header().Split(',');
        row.Should().HaveSameCount(header);
        string Cell(string name) => row[Array.IndexOf(header, name)];
        Cell("timestamp").Should().Be("2024-05-01 12:06:00+00:00");
        Cell("decision_time").Should().Be("2024-05-01 12:07:00+00:00");
        Cell("idx").Should().Be("726");
        Cell("side").Should().Be("-1");
        Cell("close").Should().Be("0.30000000000000004");
        Cell("atr").Should().Be("62.66166666666638");
        Cell("atr_pct").Should().Be("nan");
        Cell("trend_aligned").Should().Be("0");
        Cell("rel_vol_decile").Should().Be("1");
        (Cell("y_research"), Cell("r_research"), Cell("exit_research")).Should().Be(("1", "3.99999999999995", "TakeProfit"));
        (Cell("y_causal"), Cell("r_causal"), Cell("exit_causal")).Should().Be(("0", "0", "Breakeven"));
        Cell("feature_mode").Should().Be("causal");
    }
}
