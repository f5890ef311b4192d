using ActorBot.Domain.ShockFlip;
using ActorBot.Domain.ShockFlip.Rolling;
using ActorBot.Domain.Tests.Support;

namespace ActorBot.Domain.Tests.ShockFlip;

public sealed class CausalFeatureTests
{
    private static IReadOnlyList<BarFeatures> Causal(int count, ShockFlipParameters p)
    {
        var engine = new CausalFeatureEngine(p);
        return CoinMDay.Bars.Take(count).Select(engine.Push).ToList();
    }

    [Fact(DisplayName = "Causal mode equals research mode bit for bit on every feature except atr_pct and price_flow_div")]
    public void SameFeaturesExceptTheTwoGlobalOnes()
    {
        var research = ResearchFeatures.ComputeChunk(CoinMDay.Bars, ShockFlipParameters.Default);
        var causal = Causal(CoinMDay.Bars.Count, ShockFlipParameters.Default);
        foreach (var column in ResearchReferenceParityTests.ExactColumnNames.Append("trend_slope").Append("price_flow_div"))
        {
            var sel = ResearchReferenceParityTests.Selector(column);
            var diff = ResearchReferenceParityTests.Mismatches(causal.Select(sel).ToArray(), research.Select(sel).ToArray(), 0.0);
            if (column is "atr_pct" or "price_flow_div")
            {
                diff.Should().NotBeEmpty($"{column} is where the modes differ by design");
            }
            else
            {
                diff.Should().BeEmpty(column);
            }
        }
    }

    [Fact(DisplayName = "Causal features of a bar do not change when later bars are added; research atr_pct does (look-ahead)")]
    public void NoLookAhead()
    {
        var full = Causal(CoinMDay.Bars.Count, ShockFlipParameters.Default);
        var prefix = Causal(700, ShockFlipParameters.Default);
        for (var i = 0; i < prefix.Count; i++)
        {
            prefix[i].Should().Be(full[i], $"bar {i}");
        }

        var researchFull = ResearchFeatures.ComputeChunk(CoinMDay.Bars, ShockFlipParameters.Default);
        var researchPrefix = ResearchFeatures.ComputeChunk(CoinMDay.Bars.Take(700).ToList(), ShockFlipParameters.Default);
        researchPrefix.Zip(researchFull).Count(p => p.First.AtrPct != p.Second.AtrPct).Should().BeGreaterThan(500);
        researchPrefix.Zip(researchFull).Count(p => !Equals(p.First.PriceFlowDiv, p.Second.PriceFlowDiv)).Should().BeGreaterThan(500);
    }

    [Fact(DisplayName = "Causal atr_pct is the rank of the current ATR among the trailing window, checked against a direct rank of that window")]
    public void TrailingAtrPct()
    {
        var p = ShockFlipParameters.Default with { CausalStatWindow = 100 };
        var causal = Causal(400, p);
        var atr = causal.Select(f => f.Atr).ToArray();
        foreach (var i in new[] { 59, 60, 120, 158, 159, 250, 399 })
        {
            var start = Math.Max(0, i - 99);
            var window = atr[start..(i + 1)].Where(x => !double.IsNaN(x)).ToArray();
            var ranks = SampleStatistics.PercentRank(window);
            causal[i].AtrPct.Should().Be(ranks[^1], $"bar {i}");
        }

        double.IsNaN(causal[58].AtrPct).Should().BeTrue("ATR needs 60 bars");
    }

    [Fact(DisplayName = "Causal price_flow_div z-scores pc and fc with trailing rolling moments, checked by hand at one bar")]
    public void TrailingPriceFlowDiv()
    {
        var p = ShockFlipParameters.Default with { CausalStatWindow = 50 };
        var causal = Causal(300, p);
        const int i = 250;
        var pc = causal.Skip(i - 49).Take(50).Select(f => f.PriceChange).ToArray();
        var fc = causal.Skip(i - 49).Take(50).Select(f => f.FlowSum).ToArray();
        static double Z(double[] w)
        {
            var mean = w.Average();
            var std = Math.Sqrt(w.Select(x => (x - mean) * (x - mean)).Sum() / w.Length);
            return (w[^1] - mean) / std;
        }

        causal[i].PriceFlowDiv.Should().BeApproximately(Z(pc) - Z(fc), 1e-9);
        double.IsNaN(causal[59].PriceFlowDiv).Should().BeTrue("pc needs 60 bars of history");
    }

    [Fact(DisplayName = "Bad parameters are refused with the field's name")]
    public void BadParameters()
    {
        var act = () => new CausalFeatureEngine(ShockFlipParameters.Default with { ZWindow = 0 });
        act.Should().Throw<ArgumentException>().WithMessage("z_window 0 must be at least 1.");
        var band = () => new ShockFlipDetector(ShockFlipParameters.Default with { ZBand = double.NaN });
        band.Should().Throw<ArgumentException>().WithMessage("z_band NaN*");
    }
}
