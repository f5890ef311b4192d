using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using static ActorBot.Domain.Tests.Liquidations.Calibration.CalibratorScenario;

namespace ActorBot.Domain.Tests.Liquidations.Calibration;

/// <summary>Issue 12 Deliver 2: an event is attributed only against a snapshot at or before its minute; otherwise counted.</summary>
public sealed class CalibratorTwoInputTests
{
    [Fact]
    public void An_event_before_any_snapshot_is_counted_as_dropped_not_ignored()
    {
        var c = Btc();
        var outcome = c.OnLiquidation(Liq(0, LiquidationSide.Long, 99_600), markPrice: 100_000);

        outcome.Kind.Should().Be(EventOutcomeKind.DroppedNoSnapshot);
        outcome.Detail.Should().Contain("no minute snapshot at or before").And.Contain("none held");
        c.Stats.Should().BeEquivalentTo(new { TotalEvents = 1L, Attributed = 0L, DroppedNoSnapshot = 1L, Rejected = 0L, SnapshotsHeld = 0 });
    }

    [Fact]
    public void An_event_uses_the_snapshot_of_its_minute_or_the_latest_before_it_never_a_later_one()
    {
        var c = Btc();
        c.OnMinuteSnapshot(Flat(5, 100_000));
        c.OnMinuteSnapshot(Flat(7, 101_000));

        // Minute 4 is before every snapshot: only the later minutes 5 and 7 exist, so it is dropped.
        c.OnLiquidation(Liq(4, LiquidationSide.Long, 99_600), 100_000).Kind.Should().Be(EventOutcomeKind.DroppedNoSnapshot);

        // Minute 6 has no snapshot of its own: the latest before it (5), not the later one (7).
        var six = c.OnLiquidation(Liq(6, LiquidationSide.Long, 99_600));
        six.Kind.Should().Be(EventOutcomeKind.Attributed);
        six.SnapshotMinuteMs.Should().Be(Minute(5));
        six.ReferencePrice.Should().Be(100_000, "without a mark price the snapshot's src is the reference");
        six.ReferenceSource.Should().Be("snapshot_src");

        var seven = c.OnLiquidation(Liq(7, LiquidationSide.Long, 100_600), markPrice: 101_050);
        seven.SnapshotMinuteMs.Should().Be(Minute(7));
        seven.ReferenceSource.Should().Be("mark");

        c.Stats.Should().BeEquivalentTo(new { TotalEvents = 3L, Attributed = 2L, DroppedNoSnapshot = 1L, SnapshotsHeld = 2 });
    }

    [Fact]
    public void Wrong_symbol_and_bad_prices_are_rejected_and_counted()
    {
        var c = Btc();
        c.OnMinuteSnapshot(Flat(0, 100_000));
        var eth = new LiquidationEvent("binance", "ETH", LiquidationSide.Long, 2000m, 1m, Minute(0) + 1000);
        var zero = new LiquidationEvent("binance", "BTC", LiquidationSide.Long, 0m, 1m, Minute(0) + 1000);

        c.OnLiquidation(eth).Kind.Should().Be(EventOutcomeKind.Rejected);
        c.OnLiquidation(zero).Kind.Should().Be(EventOutcomeKind.Rejected);
        c.Stats.Should().BeEquivalentTo(new { TotalEvents = 2L, Attributed = 0L, Rejected = 2L });
    }

    [Fact]
    public void Snapshots_older_than_the_window_and_slack_are_dropped_and_their_events_counted()
    {
        var c = Btc();
        for (var i = 0; i <= 30; i++)
        {
            c.OnMinuteSnapshot(Flat(i, 100_000));
        }

        // Window 15 + slack 5: minutes 10..30 are kept.
        c.Stats.SnapshotsHeld.Should().Be(21);
        c.OnLiquidation(Liq(9, LiquidationSide.Short, 100_400), 100_000).Kind.Should().Be(EventOutcomeKind.DroppedNoSnapshot);
        c.OnLiquidation(Liq(10, LiquidationSide.Short, 100_400), 100_000).Kind.Should().Be(EventOutcomeKind.Attributed);
    }

    [Fact]
    public void Stats_show_minutes_since_and_the_last_calibration_weights_and_bias()
    {
        var c = Btc();
        for (var i = 0; i < 15; i++)
        {
            c.OnMinuteSnapshot(Flat(i, 100_000));
        }

        c.OnMinuteSnapshot(Flat(15, 100_000)).Should().BeNull();
        c.OnMinuteSnapshot(Flat(16, 100_000));
        var stats = c.Stats;
        stats.LastCalibrationMinuteMs.Should().Be(Minute(14));
        stats.MinutesSinceCalibration.Should().Be(2);
        stats.CalibrationCount.Should().Be(1);
        stats.Weights.Keys.Should().Equal(LeverageLadders.ForBase("BTC").Tiers);
        stats.Weights.Values.Sum().Should().BeApproximately(1.0, 1e-12);
        stats.Buffer.Should().Be(0.002);
        stats.BiasLong.Should().Be(0);
        stats.CalibrationEnabled.Should().BeTrue();
    }

    [Fact]
    public void A_minute_out_of_order_or_without_a_price_is_a_typed_error_and_changes_nothing()
    {
        var c = Btc();
        c.OnMinuteSnapshot(Flat(3, 100_000));
        var back = () => c.OnMinuteSnapshot(Flat(3, 100_000));
        var nan = () => c.OnMinuteSnapshot(Flat(4, double.NaN));

        back.Should().Throw<ArgumentException>().WithMessage("*not after the last one*");
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*no valid price*");
        c.Stats.SnapshotsHeld.Should().Be(1);
        c.Stats.MinutesSinceCalibration.Should().Be(1);
    }
}
