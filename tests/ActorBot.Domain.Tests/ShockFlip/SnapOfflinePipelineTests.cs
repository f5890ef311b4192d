using ActorBot.Domain.Barriers;
using ActorBot.Domain.ShockFlip;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models.Registry;

namespace ActorBot.Domain.Tests.ShockFlip;

/// <summary>The offline pipeline on the real COIN-M day, in both modes.</summary>
public sealed class SnapOfflinePipelineTests
{
    // The research thresholds give no event on this quiet day (see the reference); the looser band gives 21.
    private static readonly ShockFlipParameters Loose = ShockFlipParameters.Default with { ZBand = 1.2, JumpBand = 1.5 };

    private static readonly Lazy<DecileCutPoints> s_cuts = new(() =>
        ModelCutPoints.For(ModelLoader.ReadDescriptor(Path.Combine(TestData.RegistryDir, "snap_hgb_2024_btc_agg"))));

    private static SnapOfflineResult Run(FeatureMode mode, ShockFlipParameters? p = null) =>
        SnapOfflinePipeline.Run(CoinMDay.File.Ticks, "BTCUSD_PERP", 0.1, mode, p ?? Loose, BarrierGeometry.Strategy, s_cuts.Value);

    [Fact(DisplayName = "Research mode finds the reference's 21 events at the loose band, with year-level deciles and both labels")]
    public void ResearchEvents()
    {
        var result = Run(FeatureMode.Research);
        result.Bars.Should().HaveCount(1437);
        var expected = CoinMDay.ReferenceColumn("signal_loose");
        result.Events.Select(r => r.Event.Index).Should().Equal(Enumerable.Range(0, expected.Length).Where(i => expected[i] != 0));
        result.Events.Select(r => (double)r.Event.Side).Should().Equal(expected.Where(s => s != 0));
        result.Events.Select(r => r.Event.RelVolDecile).Should().Contain(0).And.Contain(9);
        Run(FeatureMode.Research, ShockFlipParameters.Default).Events.Should().BeEmpty();
    }

    [Fact(DisplayName = "Causal mode runs over the same trades with fixed cut points and reports the look-ahead of the research label")]
    public void CausalEventsAndLookAhead()
    {
        var result = Run(FeatureMode.Causal);
        result.Bars.Should().HaveCount(1437);
        result.Events.Should().NotBeEmpty();
        result.MalformedTrades.Should().Be(0);
        result.LateTrades.Should().Be(0);
        var research = result.Events.Count(r => r.ResearchLabel.WinLabel == 1);
        var causal = result.Events.Count(r => r.CausalLabel.WinLabel == 1);
        result.Events.Should().OnlyContain(r => r.CausalLabel.ExitTimeMs == null || r.CausalLabel.ExitTimeMs > r.Event.TimestampMs,
            "the causal path never includes the event bar");
        result.Events.Count(r => r.ResearchLabel.ExitTimeMs == r.Event.TimestampMs)
            .Should().Be(result.Events.Count(r => r.ResearchLabel.BarsHeld == 1), "an exit on the event bar is the look-ahead");
        (research + causal).Should().BeGreaterThan(0);
    }

    [Fact(DisplayName = "Two runs over the same trades export byte-identical feature tables (replay determinism)")]
    public void Deterministic()
    {
        foreach (var mode in new[] { FeatureMode.Research, FeatureMode.Causal })
        {
            var a = SnapEventTable.Write(Run(mode).Events, mode);
            var b = SnapEventTable.Write(Run(mode).Events, mode);
            a.Should().Be(b);
            a.Split('\n')[0].Should().StartWith("timestamp,idx,symbol,feature_mode,side,open,high");
            a.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(Run(mode).Events.Count + 1);
        }
    }

    [Fact(DisplayName = "A research chunk with fewer than min_bars bars yields no events but its bars still serve the labels")]
    public void ShortChunkSkipped()
    {
        var result = Run(FeatureMode.Research, Loose with { MinBars = 2000 });
        result.ChunksSkipped.Should().Be(1);
        result.Events.Should().BeEmpty();
        result.Bars.Should().HaveCount(1437);
    }
}
