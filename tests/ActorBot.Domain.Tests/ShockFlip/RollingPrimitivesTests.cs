using ActorBot.Domain.ShockFlip.Rolling;

namespace ActorBot.Domain.Tests.ShockFlip;

/// <summary>The rolling primitives on small windows computed by hand.</summary>
public sealed class RollingPrimitivesTests
{
    [Fact(DisplayName = "A rolling sum of 3 with min_periods 1 gives the partial sums first, then the window sums")]
    public void RollingSumWindows()
    {
        var s = new RollingSum(3, 1);
        var outs = new List<double>();
        foreach (var x in new[] { 1.0, 2.0, 4.0, 8.0, 16.0 })
        {
            s.Push(x);
            outs.Add(s.Sum);
        }

        outs.Should().Equal(1, 3, 7, 14, 28);
    }

    [Fact(DisplayName = "A rolling mean is NaN until min_periods values are in the window")]
    public void RollingMeanMinPeriods()
    {
        var s = new RollingSum(3, 3);
        s.Push(3);
        double.IsNaN(s.Mean).Should().BeTrue();
        s.Push(6);
        double.IsNaN(s.Mean).Should().BeTrue();
        s.Push(9);
        s.Mean.Should().Be(6);
        s.Push(12);
        s.Mean.Should().Be(9);
    }

    [Fact(DisplayName = "A window of identical values sums to value × n exactly, with no floating residue from earlier values")]
    public void SameValueRule()
    {
        var s = new RollingSum(3, 1);
        foreach (var x in new[] { 1e16, 0.1, 0.1, 0.1 })
        {
            s.Push(x);
        }

        // Without the rule the Kahan sum carries a residue of the 1e16 that left the window.
        s.Sum.Should().Be(0.1 * 3);
        s.Mean.Should().Be(0.1);
    }

    [Fact(DisplayName = "A window mean is not polluted by a huge value that has already left the window")]
    public void SignRule()
    {
        var s = new RollingSum(2, 1);
        foreach (var x in new[] { -1e17, 3.0, 5.0 })
        {
            s.Push(x);
        }

        s.Mean.Should().BeGreaterThanOrEqualTo(0);
        s.Mean.Should().Be(4.0);
    }

    [Fact(DisplayName = "Rolling population and sample variance match the textbook values on a hand window")]
    public void RollingVarianceValues()
    {
        var pop = new RollingVariance(4, 4, ddof: 0);
        var sample = new RollingVariance(4, 1, ddof: 1);
        foreach (var x in new[] { 2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0 })
        {
            pop.Push(x);
            sample.Push(x);
        }

        // last four: 5, 5, 7, 9 → mean 6.5, squared deviations 2.25+2.25+0.25+6.25 = 11
        pop.Variance.Should().BeApproximately(11.0 / 4, 1e-12);
        sample.Variance.Should().BeApproximately(11.0 / 3, 1e-12);
        var one = new RollingVariance(30, 1, ddof: 1);
        one.Push(100.0);
        double.IsNaN(one.StdDev).Should().BeTrue("a sample std of one value is undefined");
        var flat = new RollingVariance(3, 3, ddof: 0);
        foreach (var x in new[] { 0.3, 0.3, 0.3 })
        {
            flat.Push(x);
        }

        flat.Variance.Should().Be(0.0);
    }

    [Fact(DisplayName = "The non-adjusted EWM follows y = ((1-a)y + a x)/((1-a)+a) seeded with the first value")]
    public void EwmSteps()
    {
        var e = new Ewm(3); // com 1, alpha 0.5
        e.Push(10);
        e.Value.Should().Be(10);
        e.Push(20);
        e.Value.Should().Be(15);
        e.Push(20);
        e.Value.Should().Be(17.5);
        e.Push(17.5);
        e.Value.Should().Be(17.5, "an input equal to the mean skips the step");
    }

    [Fact(DisplayName = "Rolling max and min cover exactly the last window values and are NaN before the window fills")]
    public void Extremes()
    {
        var max = new RollingExtreme(3, 3, max: true);
        var min = new RollingExtreme(3, 3, max: false);
        var outs = new List<(double, double)>();
        foreach (var x in new[] { 5.0, 1.0, 3.0, 2.0, 4.0, 0.5 })
        {
            max.Push(x);
            min.Push(x);
            outs.Add((max.Value, min.Value));
        }

        outs.Skip(2).Should().Equal((5.0, 1.0), (3.0, 1.0), (4.0, 2.0), (4.0, 0.5));
        double.IsNaN(outs[1].Item1).Should().BeTrue();
    }

    [Fact(DisplayName = "Percentile rank averages ties and divides by the count of non-NaN values")]
    public void PercentRank()
    {
        var r = SampleStatistics.PercentRank([3.0, double.NaN, 1.0, 3.0, 2.0]);
        double.IsNaN(r[1]).Should().BeTrue();
        r[2].Should().Be(0.25);
        r[4].Should().Be(0.5);
        r[0].Should().Be(3.5 / 4);
        r[3].Should().Be(3.5 / 4);
    }

    [Fact(DisplayName = "The trailing percentile rank only sees the last window values, the newest included")]
    public void TrailingRank()
    {
        var t = new TrailingPercentRank(3);
        t.Push(5).Should().Be(1.0);
        t.Push(1).Should().Be(0.5);
        t.Push(3).Should().Be(2.0 / 3);
        t.Push(3).Should().Be(2.5 / 3, "window is now 1, 3, 3");
        t.Push(0).Should().Be(1.0 / 3, "window is now 3, 3, 0");
    }

    [Fact(DisplayName = "Pairwise summation uses eight accumulators: 1e16 + eight 1.0 values keep the ones")]
    public void PairwiseSum()
    {
        var values = new double[16];
        values[0] = 1e16;
        for (var i = 1; i < 16; i++)
        {
            values[i] = 1.0;
        }

        // r0 = 1e16 + 1 (lost), r1..r7 = 2 each → (1e16 + 2) + ... = 1e16 + 14 (exactly representable)
        SampleStatistics.PairwiseSum(values).Should().Be(1e16 + 14);
        var naive = 0.0;
        foreach (var v in values)
        {
            naive += v;
        }

        naive.Should().Be(1e16, "left-to-right loses every 1.0");
        var (mean, std) = SampleStatistics.MeanAndStd([1.0, double.NaN, 3.0]);
        mean.Should().Be(2.0);
        std.Should().Be(1.0);
    }
}
