using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip;

namespace ActorBot.Domain.Tests.ShockFlip;

/// <summary>Per-bar features and the detector on tiny windows, every value worked out by hand.</summary>
public sealed class FeatureStreamHandTests
{
    private static readonly ShockFlipParameters Tiny = ShockFlipParameters.Default with
    {
        ZWindow = 3,
        AtrWindow = 2,
        DonchianWindow = 3,
        PriorFlowWindow = 2,
        DivergenceWindow = 2,
        RelVolWindow = 2,
        EmaFastSpan = 3,
        EmaSlowSpan = 5,
        SlopeWindow = 2,
        DivScoreLookback = 1,
        DivScoreSdWindow = 2,
        StallLookback = 1,
    };

    private static Bar B(int i, double o, double h, double l, double c, double buy, double sell) =>
        new(i * 60_000L, o, h, l, c, buy + sell, buy, sell, 1);

    [Fact(DisplayName = "Imbalance, true range, SMA ATR, Donchian location, flow sums and rel_vol follow their formulas on hand windows")]
    public void HandWindows()
    {
        var s = new FeatureStream(Tiny);
        var f0 = s.Push(B(0, 100, 102, 99, 101, 3, 1));
        var f1 = s.Push(B(1, 101, 104, 100, 103, 1, 3));
        var f2 = s.Push(B(2, 103, 103, 97, 98, 2, 2));

        f0.Imbalance.Should().Be(2.0 / (4.0 + 1e-9));
        f0.Tr.Should().Be(3.0, "first bar: high - low");
        double.IsNaN(f0.Atr).Should().BeTrue();
        f1.Tr.Should().Be(4.0, "max(4, |104-101|, |100-101|)");
        f1.Atr.Should().Be(3.5);
        f2.Tr.Should().Be(6.0, "max(6, |103-103|, |97-103|)");
        f2.Atr.Should().Be(5.0);
        f2.DonchianHigh.Should().Be(104);
        f2.DonchianLow.Should().Be(97);
        f2.DonchianLoc.Should().Be((98.0 - 97.0) / (7.0 + 1e-9));
        f1.PriorFlowSum.Should().Be(0.0, "deltas +2 and -2");
        f1.PriorFlowSign.Should().Be(0);
        f2.PriorFlowSum.Should().Be(-2.0);
        f2.PriorFlowSign.Should().Be(-1);
        f1.RelVol.Should().Be(4.0 / ((8.0 / 2) + 1e-9), "average always divides by the window");
        f0.RelVol.Should().Be(4.0 / ((4.0 / 2) + 1e-9), "a partial window still divides by 2");
        f2.PriceChange.Should().Be(Math.Log(98) - Math.Log(101));
        f2.TrendSlope.Should().Be((Math.Log(98) - Math.Log(101)) / 2);
        f2.RangeAtr.Should().Be(6.0 / (5.0 + 1e-9));

        // imbalance_z over the three bars: imbalances ≈ +0.5, -0.5, 0 → mean 0, population std √(1/6).
        var imb = new[] { f0.Imbalance, f1.Imbalance, f2.Imbalance };
        var mean = imb.Average();
        var std = Math.Sqrt(imb.Select(x => (x - mean) * (x - mean)).Sum() / 3);
        f2.ImbalanceZ.Should().BeApproximately((imb[2] - mean) / (std + 1e-9), 1e-12);
        double.IsNaN(f1.ImbalanceZ).Should().BeTrue("z needs a full window");
        f2.ShockIntensityZ.Should().Be(Math.Max(Math.Abs(f2.ImbalanceZ), f2.RangeAtr));

        // EMA span 3 → alpha 0.5: 101 → (101+103)/2 = 102 → (102+98)/2 = 100.
        f2.TrendFast.Should().Be(100.0);
        f2.TrendDir.Should().Be(FeatureStream.SignOf(f2.TrendFast - f2.TrendSlow));
    }

    [Fact(DisplayName = "div_score is -z x (return / sample std of closes), floored at 0; stall needs a flat close and |z| > 1")]
    public void DivScoreAndStall()
    {
        var s = new FeatureStream(Tiny);
        s.Push(B(0, 100, 101, 99, 100, 1, 1));
        s.Push(B(1, 100, 101, 99, 100, 1, 1));
        var f2 = s.Push(B(2, 100, 101, 95, 96, 0.1, 5));
        f2.ImbalanceZ.Should().BeLessThan(-1.0);
        var ret = (96.0 / 100.0) - 1;
        var sd = Math.Sqrt(((100.0 - 98) * (100 - 98) + (96.0 - 98) * (96 - 98)) / 1);
        f2.DivScore.Should().BeApproximately(Math.Max(-f2.ImbalanceZ * (ret / (sd + 1e-9)), 0), 1e-12);
        f2.DivScore.Should().Be(0.0, "selling into a falling close gives a negative score, floored");
        f2.StallFlag.Should().Be(0, "a 4 % move is not a stall");
        var f3 = s.Push(B(3, 96, 96.1, 95.9, 96.05, 5, 0.1));
        Math.Abs(f3.ImbalanceZ).Should().BeGreaterThan(1.0);
        f3.StallFlag.Should().Be(1, "close moved 0.05 % with |z| > 1");
    }

    [Fact(DisplayName = "The detector is contrarian: heavy selling at a fresh low on a wide bar is a long, and nothing fires without ATR")]
    public void DetectorRule()
    {
        var p = Tiny with { ZBand = 1.0, JumpBand = 1.0 };
        var s = new FeatureStream(p);
        var d = new ShockFlipDetector(p);
        d.Evaluate(s.Push(B(0, 100, 100.5, 99.5, 100, 1, 1))).Should().Be(0, "warm-up");
        d.Evaluate(s.Push(B(1, 100, 100.5, 99.5, 100, 1, 1))).Should().Be(0);
        var shock = s.Push(B(2, 100, 100.2, 96, 96.5, 0.2, 8));
        shock.ImbalanceZ.Should().BeLessThan(-1.0);
        d.Evaluate(shock).Should().Be(1);
        ShockFlipEvent.From(shock, 1).TrendAligned.Should().Be(shock.TrendDir == 1 ? 1 : 0);

        var mirror = new FeatureStream(p);
        mirror.Push(B(0, 100, 100.5, 99.5, 100, 1, 1));
        mirror.Push(B(1, 100, 100.5, 99.5, 100, 1, 1));
        d.Evaluate(mirror.Push(B(2, 100, 104, 99.8, 103.5, 8, 0.2))).Should().Be(-1, "heavy buying at a fresh high is a short");

        d.Evaluate(shock with { Atr = 0.0 }).Should().Be(0);
        d.Evaluate(shock with { Atr = double.NaN }).Should().Be(0);
    }
}
