using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;

namespace ActorBot.Domain.Tests.Liquidations.Calibration;

/// <summary>The /calibrator's minute from /liquidations' raw prediction (tick → USD): strengths 0..1 over both sides.</summary>
public sealed class CalibratorMinuteFromRawTests
{
    private static readonly MinuteClosed Minute = new("BTCUSDT", 600_000, 100, 104, 96, 100, 2_000, 1_000, 10, 500);

    [Fact]
    public void Strengths_are_divided_by_the_maximum_over_both_sides_and_bad_values_left_out()
    {
        var longs = new Dictionary<long, double> { [1] = 50, [2] = 200, [3] = double.NaN, [4] = -5 };
        var shorts = new Dictionary<long, double> { [9] = 100, [8] = 0 };

        var m = CalibratorMinute.FromRaw(Minute, longs, shorts, priorOpenInterest: 490);

        m.PredictedLongs.Should().BeEquivalentTo(new Dictionary<long, double> { [1] = 0.25, [2] = 1.0 });
        m.PredictedShorts.Should().BeEquivalentTo(new Dictionary<long, double> { [9] = 0.5 });
        (m.MinuteMs, m.Src, m.High, m.Low, m.Close, m.OpenInterest, m.PriorOpenInterest).Should().Be((600_000L, 100.0, 104.0, 96.0, 100.0, (double?)500, (double?)490));
    }

    [Fact]
    public void An_empty_prediction_gives_empty_maps()
    {
        var m = CalibratorMinute.FromRaw(Minute, new Dictionary<long, double>(), new Dictionary<long, double> { [1] = double.PositiveInfinity }, null);
        m.PredictedLongs.Should().BeEmpty();
        m.PredictedShorts.Should().BeEmpty();
    }
}
