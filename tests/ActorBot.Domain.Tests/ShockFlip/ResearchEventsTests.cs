using System.Text.Json;
using ActorBot.Domain.Models;
using ActorBot.Domain.ShockFlip;
using ActorBot.Domain.Tests.Models;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models.Registry;

namespace ActorBot.Domain.Tests.ShockFlip;

/// <summary>Research-mode checks on research_events_2024_BTC.csv where bars are not needed: deciles and routing.</summary>
public sealed class ResearchEventsTests
{
    private static readonly Lazy<(string[] Header, List<string[]> Rows)> s_events =
        new(() => TestData.ReadCsv(TestData.ReadGzipText("research_events_2024_BTC.csv.gz")));

    private static double[] Column(string name)
    {
        var (header, rows) = s_events.Value;
        var c = Array.IndexOf(header, name);
        c.Should().BeGreaterThanOrEqualTo(0, name);
        return rows.Select(r => TestData.D(r[c])).ToArray();
    }

    [Theory(DisplayName = "Research deciles recomputed over the 469 events equal the research's decile columns on every row")]
    [InlineData("shock_intensity_z")]
    [InlineData("div_score")]
    [InlineData("rel_vol")]
    public void ResearchDeciles(string feature)
    {
        var values = Column(feature);
        values.Should().HaveCount(469);
        var expected = Column(feature + "_decile").Select(x => (int)x).ToArray();
        Deciles.Research(values).Should().Equal(expected);
    }

    [Fact(DisplayName = "The causal decile cut points stored in model.json are the ones fitted on the 2024 events")]
    public void CutPointsMatchModelJson()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.RegistryDir, "snap_hgb_2024_btc_agg", "model.json")));
        var stored = doc.RootElement.GetProperty("decile_cut_points");
        foreach (var feature in new[] { "shock_intensity_z", "div_score", "rel_vol" })
        {
            var cuts = stored.GetProperty(feature).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Deciles.FitCutPoints(Column(feature)).Should().Equal(cuts, feature);
        }
    }

    [Fact(DisplayName = "Fixed cut points reproduce the research deciles of distinct values, but not div_score's date-order deciles")]
    public void CausalDecilesVersusResearch()
    {
        foreach (var feature in new[] { "shock_intensity_z", "rel_vol" })
        {
            var values = Column(feature);
            var cuts = Deciles.FitCutPoints(values);
            values.Select(v => Deciles.Causal(v, cuts)).Should().Equal(Deciles.Research(values), feature);
        }

        var div = Column("div_score");
        var divCuts = Deciles.FitCutPoints(div);
        var research = Deciles.Research(div);
        var causal = div.Select(v => Deciles.Causal(v, divCuts)).ToArray();
        div.Count(v => v == 0).Should().Be(457, "SPEC §5.3: 457 of 469 events have div_score exactly 0");
        causal.Zip(research).Count(p => p.First != p.Second).Should().BeGreaterThan(300, "research assigns the zero ties by date order");
    }

    [Fact(DisplayName = "Routing the 469 events: min_prob 0.0 takes all, both models are scored, and p equals ONNX Runtime's p_hat_ort (within 1e-7 of sklearn) on every shared row")]
    public void Routing()
    {
        using var registry = ModelRegistry.Load(TestData.RegistryDir, SnapFeatureVector.Schema);
        var router = new MetaRouter(registry.Active, registry.Active, MetaRouter.ResearchDefaultMinProb, SnapFeatureVector.Schema);
        var cols = SnapFeatureVector.Schema.Names.Select(Column).ToArray();
        var (_, rows) = s_events.Value;
        var shared = ModelVectors.All.Where(v => v.Key.StartsWith("events_2024#", StringComparison.Ordinal))
            .ToDictionary(v => int.Parse(v.Key["events_2024#".Length..]), v => v);
        shared.Should().HaveCount(324);
        var decisions = new List<RoutingDecision>();
        for (var r = 0; r < rows.Count; r++)
        {
            var x = cols.Select(c => c[r]).ToArray();
            var d = router.Route($"BTCUSDT-{rows[r][0]}-{r}", x);
            decisions.Add(d);
            d.PShadow.Should().Be(d.PActive);
            if (shared.TryGetValue(r, out var v))
            {
                d.PActive.Should().Be(v.POrt, $"row {r}");
                Math.Abs(d.PActive - v.PSklearn).Should().BeLessThanOrEqualTo(FrozenModelParityTests.SklearnBound, $"row {r}");
                foreach (var threshold in new[] { 0.3, 0.4, 0.5, 0.6 })
                {
                    (d.PActive >= threshold).Should().Be(v.PSklearn >= threshold, $"row {r} at {threshold}");
                }
            }
        }

        decisions.Should().OnlyContain(d => d.Take && d.ShadowWouldTake == true && d.MinProb == 0.0);
        var strict = new MetaRouter(registry.Active, null, 0.5, SnapFeatureVector.Schema);
        var taken = rows.Select((_, r) => strict.Route("e", cols.Select(c => c[r]).ToArray())).Count(d => d.Take);
        taken.Should().BeLessThan(469).And.BeGreaterThan(300);
    }

    [Fact(DisplayName = "The router refuses a model whose schema differs from the feature builder's")]
    public void RouterRefusesSchemaMismatch()
    {
        using var registry = ModelRegistry.Load(TestData.RegistryDir, SnapFeatureVector.Schema);
        var other = new FeatureSchema(SnapFeatureVector.Schema.Names.Reverse().ToArray());
        var act = () => new MetaRouter(registry.Active, null, 0.0, other);
        act.Should().Throw<ArgumentException>().WithMessage("*active model 'snap_hgb_2024_btc_agg' has schema hash 85c54872*");
        var bad = () => new MetaRouter(registry.Active, null, 1.5, SnapFeatureVector.Schema);
        bad.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*routing.min_prob 1.5*");
    }
}
