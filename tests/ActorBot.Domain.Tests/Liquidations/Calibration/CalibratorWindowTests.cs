using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using static ActorBot.Domain.Tests.Liquidations.Calibration.CalibratorScenario;

namespace ActorBot.Domain.Tests.Liquidations.Calibration;

/// <summary>One calibration window's zone bookkeeping (SPEC §6.5 step 6, §6.6 step 3) and the binary hit.</summary>
public sealed class CalibratorWindowTests
{
    [Fact]
    public void Zones_the_close_came_near_are_approached_and_zones_in_range_never_reached_are_penalised()
    {
        var longs = new Dictionary<long, double> { [Grid.TickOf(99_800m)] = 1.0 };
        var shorts = new Dictionary<long, double> { [Grid.TickOf(100_600m)] = 1.0 };
        var c = Btc();
        CalibrationResult? result = null;
        for (var i = 0; result is null; i++)
        {
            var minute = new CalibratorMinute(Minute(i), 100_000, 100_020, 99_980, 100_000, 2e6, 1e6, 1_001, 1_000, longs, shorts);
            result = c.OnMinuteSnapshot(minute);
            c.OnLiquidation(Liq(i, LiquidationSide.Long, 99_700), 100_000);
            c.OnLiquidation(Liq(i, LiquidationSide.Short, 100_500), 100_000);
        }

        // The long zone is 0.2 % from the close (within 0.35 %): approached every minute. The short zone, 0.6 % away,
        // lies inside the window's event range ± 0.75 % and was never reached.
        result.ApproachEvents.Should().Be(15);
        result.UnreachedZones.Should().Be(1);
        result.TotalEvents.Should().Be(28, "two events in each of the 14 minutes before the closing one");
        result.Hits.Should().Be(0, "each event lies 5 buckets (100 USD) from its side's zone, beyond the tolerance of 4");
    }

    [Fact]
    public void A_hit_is_a_predicted_bucket_within_the_tolerance_with_its_strength()
    {
        var longs = new Dictionary<long, double> { [Grid.TickOf(99_700m)] = 0.3, [Grid.TickOf(99_640m)] = 0.9 };
        var c = Btc();
        c.OnMinuteSnapshot(Flat(0, 100_000, longs: longs));

        var hit = c.OnLiquidation(Liq(0, LiquidationSide.Long, 99_720), 100_000);
        var miss = c.OnLiquidation(Liq(0, LiquidationSide.Long, 99_900), 100_000);

        hit.IsHit.Should().BeTrue();
        hit.HitStrength.Should().Be(0.9, "the strongest bucket within 4 buckets (80 USD)");
        miss.IsHit.Should().BeFalse();
        miss.MissDistanceBuckets.Should().Be(10);
    }
}
