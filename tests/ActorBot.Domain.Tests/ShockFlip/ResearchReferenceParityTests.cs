using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip;
using ActorBot.Domain.Tests.Support;

namespace ActorBot.Domain.Tests.ShockFlip;

/// <summary>
/// Research mode against an independent pandas 1.5.3 computation (Data/reference/make_research_reference.py)
/// over the real COIN-M day: bars and every per-bar feature, bit for bit where no libm is involved.
/// </summary>
public sealed class ResearchReferenceParityTests
{
    private static readonly Lazy<IReadOnlyList<BarFeatures>> s_features =
        new(() => ResearchFeatures.ComputeChunk(CoinMDay.Bars, ShockFlipParameters.Default));

    [Fact(DisplayName = "The aggTrades zip reads 105,280 trades with the header skipped and nothing malformed")]
    public void ReadsTheDay()
    {
        CoinMDay.File.Ticks.Should().HaveCount(105_280);
        CoinMDay.File.SkippedHeaderOrNonNumeric.Should().Be(1);
        CoinMDay.File.SkippedMalformed.Should().Be(0);
    }

    [Fact(DisplayName = "1-minute bars equal pandas' resample of the same trades: 1,437 bars, empty minutes dropped, OHLC and taker volumes exact")]
    public void BarsMatchPandas()
    {
        var bars = CoinMDay.Bars;
        bars.Should().HaveCount(1437);
        var t = CoinMDay.ReferenceColumn("open_time_ms");
        string[] cols = ["open", "high", "low", "close", "volume", "buy_qty", "sell_qty", "count"];
        var expected = cols.ToDictionary(c => c, CoinMDay.ReferenceColumn);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            ((double)b.OpenTimeMs).Should().Be(t[i]);
            b.Open.Should().Be(expected["open"][i], $"bar {i}");
            b.High.Should().Be(expected["high"][i], $"bar {i}");
            b.Low.Should().Be(expected["low"][i], $"bar {i}");
            b.Close.Should().Be(expected["close"][i], $"bar {i}");
            b.Volume.Should().Be(expected["volume"][i], $"bar {i}");
            b.BuyQty.Should().Be(expected["buy_qty"][i], $"bar {i}");
            b.SellQty.Should().Be(expected["sell_qty"][i], $"bar {i}");
            ((double)b.TradeCount).Should().Be(expected["count"][i], $"bar {i}");
        }
    }

    internal static readonly string[] ExactColumnNames =
    [
        "delta", "imbalance", "imbalance_z", "tr", "atr", "donchian_high", "donchian_low", "donchian_loc",
        "prior_flow_sum", "prior_flow_sign", "atr_pct", "rel_vol", "range_atr", "shock_intensity_z", "div_score",
        "trend_fast", "trend_slow", "trend_dir", "stall_flag",
    ];

    public static TheoryData<string> ExactColumns() => new(ExactColumnNames);

    [Theory(DisplayName = "Each research feature equals the pandas reference bit for bit on every bar")]
    [MemberData(nameof(ExactColumns))]
    public void FeatureIsExact(string column)
    {
        var expected = CoinMDay.ReferenceColumn(column);
        var actual = s_features.Value.Select(Selector(column)).ToArray();
        Mismatches(actual, expected, 0.0).Should().BeEmpty();
    }

    [Theory(DisplayName = "Log-based research features match pandas within 1e-12 (numpy 1.24 uses its own AVX-512 log, 1 ulp off libm on about a fifth of inputs)")]
    [InlineData("price_flow_div")]
    [InlineData("trend_slope")]
    public void LogFeaturesMatch(string column)
    {
        var expected = CoinMDay.ReferenceColumn(column);
        var actual = s_features.Value.Select(Selector(column)).ToArray();
        Mismatches(actual, expected, 1e-12).Should().BeEmpty();
    }

    [Fact(DisplayName = "The detector fires exactly where the reference does, at the research thresholds and at a looser band")]
    public void DetectorMatches()
    {
        var research = new ShockFlipDetector(ShockFlipParameters.Default);
        var loose = new ShockFlipDetector(ShockFlipParameters.Default with { ZBand = 1.2, JumpBand = 1.5 });
        var expected = CoinMDay.ReferenceColumn("signal");
        var expectedLoose = CoinMDay.ReferenceColumn("signal_loose");
        var f = s_features.Value;
        f.Select(x => (double)research.Evaluate(x)).Should().Equal(expected);
        f.Select(x => (double)loose.Evaluate(x)).Should().Equal(expectedLoose);
        expectedLoose.Count(s => s != 0).Should().Be(21);
        f.Where(x => loose.Evaluate(x) != 0).Should().OnlyContain(x => x.Index >= 239, "imbalance_z needs 240 bars");
    }

    internal static Func<BarFeatures, double> Selector(string column) => column switch
    {
        "delta" => f => f.Delta,
        "imbalance" => f => f.Imbalance,
        "imbalance_z" => f => f.ImbalanceZ,
        "tr" => f => f.Tr,
        "atr" => f => f.Atr,
        "donchian_high" => f => f.DonchianHigh,
        "donchian_low" => f => f.DonchianLow,
        "donchian_loc" => f => f.DonchianLoc,
        "prior_flow_sum" => f => f.PriorFlowSum,
        "prior_flow_sign" => f => f.PriorFlowSign,
        "price_flow_div" => f => f.PriceFlowDiv,
        "atr_pct" => f => f.AtrPct,
        "rel_vol" => f => f.RelVol,
        "range_atr" => f => f.RangeAtr,
        "shock_intensity_z" => f => f.ShockIntensityZ,
        "div_score" => f => f.DivScore,
        "trend_fast" => f => f.TrendFast,
        "trend_slow" => f => f.TrendSlow,
        "trend_dir" => f => f.TrendDir,
        "trend_slope" => f => f.TrendSlope,
        "stall_flag" => f => f.StallFlag,
        _ => throw new ArgumentException(column),
    };

    internal static List<string> Mismatches(double[] actual, double[] expected, double relTol)
    {
        actual.Length.Should().Be(expected.Length);
        var bad = new List<string>();
        for (var i = 0; i < actual.Length; i++)
        {
            var a = actual[i];
            var e = expected[i];
            var same = (double.IsNaN(a) && double.IsNaN(e)) || a == e
                || (relTol > 0 && Math.Abs(a - e) <= relTol * Math.Max(1.0, Math.Abs(e)));
            if (!same && bad.Count < 5)
            {
                bad.Add($"bar {i}: {a:R} vs {e:R}");
            }
        }

        return bad;
    }
}
