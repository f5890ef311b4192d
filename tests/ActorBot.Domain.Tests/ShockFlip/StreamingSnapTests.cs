using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models.Registry;

namespace ActorBot.Domain.Tests.ShockFlip;

/// <summary>The streaming path the actors wrap, checked against the offline pipeline on the real day.</summary>
public sealed class StreamingSnapTests
{
    private static readonly ShockFlipParameters Loose = ShockFlipParameters.Default with { ZBand = 1.2, JumpBand = 1.5 };

    private static DecileCutPoints Cuts() =>
        ModelCutPoints.For(ModelLoader.ReadDescriptor(Path.Combine(TestData.RegistryDir, "snap_hgb_2024_btc_agg")));

    private static List<Bar> CausalBars()
    {
        var builder = new MinuteBarBuilder();
        var bars = CoinMDay.File.Ticks.Select(t => builder.OnTrade(t, out _)).OfType<Bar>().ToList();
        bars.Add(builder.Flush()!);
        return bars;
    }

    [Fact(DisplayName = "Streaming trades -> bars -> signals -> trade book reproduces the offline causal events and causal labels exactly")]
    public void StreamingEqualsOffline()
    {
        var cuts = Cuts();
        var offline = SnapOfflinePipeline.Run(CoinMDay.File.Ticks, "BTCUSD_PERP", 0.1, FeatureMode.Causal, Loose, BarrierGeometry.Strategy, cuts);
        var engine = new SnapSignalEngine(Loose, cuts);
        var book = new SnapTradeBook(BarrierGeometry.Strategy, maxConcurrent: int.MaxValue);
        var signals = new List<SnapSignal>();
        var closed = new List<ClosedSnapTrade>();
        foreach (var bar in CausalBars())
        {
            closed.AddRange(book.OnBar(bar));
            if (engine.OnBar(bar) is { } s)
            {
                signals.Add(s);
                var f = s.Event.Features;
                book.TryOpen($"e{signals.Count - 1}", s.Event.DecisionTimeMs, s.Event.Side, f.Bar.Close, f.Atr);
            }
        }

        signals.Select(s => s.Features).Should().BeEquivalentTo(offline.Events.Select(e => SnapFeatureVector.Build(e.Event)), o => o.WithStrictOrdering());
        var byId = closed.ToDictionary(c => c.EventId);
        for (var k = 0; k < offline.Events.Count; k++)
        {
            var expected = offline.Events[k].CausalLabel;
            if (byId.TryGetValue($"e{k}", out var c))
            {
                c.Outcome.Should().Be(expected, $"event {k}");
            }
            else
            {
                // Still open at the end of data: the offline label times out on the last bar instead.
                book.Open.Should().Contain(o => o.EventId == $"e{k}");
                expected.Reason.Should().BeOneOf(ExitReason.Horizon, ExitReason.NoBars);
            }
        }

        closed.Should().NotBeEmpty();
    }

    [Fact(DisplayName = "With one position per symbol, signals during an open trade are skipped and counted")]
    public void OnePositionPerSymbol()
    {
        var book = new SnapTradeBook(BarrierGeometry.Strategy);
        book.TryOpen("a", 60_000, 1, 100, 2).Should().NotBeNull();
        book.TryOpen("b", 120_000, -1, 100, 2).Should().BeNull();
        book.SkippedBecauseFull.Should().Be(1);
        book.OnBar(new Bar(0, 100, 110, 90, 100, 1, 1, 0, 1)).Should().BeEmpty("the decision bar is not part of the causal path");
        book.OnBar(new Bar(60_000, 100, 104.5, 99.5, 104, 1, 1, 0, 1)).Should().ContainSingle().Which.Outcome.Reason.Should().Be(ExitReason.TakeProfit);
        book.Open.Should().BeEmpty();
    }

    [Fact(DisplayName = "The signal engine refuses repeated, out-of-order and inconsistent bars and counts them")]
    public void RejectsOutOfOrderBars()
    {
        var engine = new SnapSignalEngine(Loose, Cuts());
        var bars = CausalBars();
        engine.OnBar(bars[1]);
        engine.OnBar(bars[0]).Should().BeNull();
        engine.OnBar(bars[1]).Should().BeNull();
        engine.OnBar(bars[2] with { High = double.NaN }).Should().BeNull();
        engine.OnBar(bars[3] with { Low = bars[3].High + 1 }).Should().BeNull();
        engine.RejectedBars.Should().Be(4);
        engine.BarsSeen.Should().Be(1);
    }

    [Fact(DisplayName = "Research forward diagnostics: MFE in ATR over the next H bars, snap flags, and the 1-ATR Diamond Hunter barrier label")]
    public void ForwardDiagnostics()
    {
        // Long event at close 100, ATR 2; next bars reach high 101.6 then 109 (TP at 108) before any low ≤ 95.
        var bars = new List<Bar> { new(0, 100, 100, 99, 100, 1, 1, 0, 1) };
        for (var i = 1; i <= 12; i++)
        {
            var high = i == 3 ? 101.6 : i == 8 ? 109.0 : 100.5;
            bars.Add(new Bar(i * 60_000L, 100, high, 99.0, 100, 1, 1, 0, 1));
        }

        var d = ResearchDiagnostics.Compute(bars, 0, 1, 2.0);
        d.MfeAtr[6].Should().Be((101.6 - 100) / 2.0);
        d.MfeAtr[10].Should().Be(4.5);
        d.MfeAtr[240].Should().Be(4.5, "the horizon is truncated at the end of the chunk");
        d.DidSnap[(6, 0.75)].Should().Be(1);
        d.DidSnap[(6, 1.0)].Should().Be(0);
        d.BarrierLabel.Should().Be(1);
        d.DidSnapColumn.Should().Be(0);
        ResearchDiagnostics.Compute(bars, 12, 1, 2.0).MfeAtr[6].Should().Be(0.0, "no bars after the last one");
        ResearchDiagnostics.DiamondHunterBarrierLabel(bars, 0, -1, 2.0).Should().Be(0, "for a short the 109 high hits the stop at 105 before any low reaches 92");
    }
}
