using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Tape;

namespace ActorBot.Domain.Tests.Liquidations.Tape;

public sealed class LiquidationTapeTests
{
    private const long T0 = 1_772_242_500_000;

    private static LiquidationTape Btc(TapeOptions? options = null) =>
        new("BTC", new BucketGrid(20m), LeverageLadders.ForBase("BTC"), options);

    private static LiquidationEvent Liq(LiquidationSide side, decimal price, decimal qty, long ts = T0) =>
        new("binance", "BTCUSDT", side, price, qty, ts);

    private static MinuteClosed Minute(long minuteMs, double high, double low) =>
        new("BTC", minuteMs, low, high, low, high, 0, 0, 1, null);

    [Fact]
    public void A_liquidation_adds_its_notional_and_one_to_its_nearest_tick_bucket()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Long, 65_509.5m, 0.1m, T0));
        var (bucket, _) = tape.OnLiquidation(Liq(LiquidationSide.Long, 65_491m, 0.2m, T0 + 5));

        bucket.Tick.Should().Be(3275);
        bucket.Price.Should().Be(65_500m);
        bucket.NotionalUsd.Should().BeApproximately(6_550.95 + 13_098.2, 1e-9);
        bucket.Count.Should().Be(2);
        bucket.LastTimestampMs.Should().Be(T0 + 5);
        tape.GetHeatmap().Long.Should().ContainSingle();
    }

    [Fact]
    public void Long_and_short_liquidations_at_one_price_are_kept_apart()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Long, 65_500m, 1m));
        tape.OnLiquidation(Liq(LiquidationSide.Short, 65_500m, 2m));

        var map = tape.GetHeatmap();
        map.NotionalByPrice(LiquidationSide.Long)[65_500m].Should().Be(65_500.0);
        map.NotionalByPrice(LiquidationSide.Short)[65_500m].Should().Be(131_000.0);
    }

    [Fact]
    public void Each_minute_decays_every_bucket_by_0_995()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Long, 60_000m, 1m));
        tape.OnMinute(Minute(T0, 70_500, 70_000));
        tape.OnMinute(Minute(T0 + 60_000, 70_500, 70_000));

        tape.GetHeatmap().Long[0].NotionalUsd.Should().BeApproximately(60_000 * 0.995 * 0.995, 1e-9);
        tape.GetHeatmap().Long[0].PeakNotionalUsd.Should().Be(60_000);
    }

    [Fact]
    public void Decay_deletes_a_bucket_under_100_usd_and_reports_it()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Short, 80_000m, 0.00125m)); // $100 exactly: 99.5 after one decay.

        var result = tape.OnMinute(Minute(T0, 70_500, 70_000));

        result.Decayed.Should().ContainSingle().Which.NotionalUsd.Should().BeApproximately(99.5, 1e-9);
        result.Swept.Should().BeEmpty();
        result.ShortBuckets.Should().Be(0);
        tape.Stats().DecayedBuckets.Should().Be(1);
    }

    [Fact]
    public void The_minute_sweeps_long_buckets_at_or_above_its_low()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Long, 70_000m, 1m)); // == low: swept (low <= P).
        tape.OnLiquidation(Liq(LiquidationSide.Long, 70_100m, 1m)); // above low: swept.
        tape.OnLiquidation(Liq(LiquidationSide.Long, 69_980m, 1m)); // below low: kept.

        var result = tape.OnMinute(Minute(T0, 70_500, 70_000));

        result.Swept.Select(s => s.Price).Should().BeEquivalentTo([70_000m, 70_100m]);
        result.Swept.Should().OnlyContain(s => s.Reason == SweepReason.LowAtOrBelow && s.Trigger == 70_000);
        tape.GetHeatmap().Long.Select(b => b.Price).Should().Equal(69_980m);
    }

    [Fact]
    public void The_minute_sweeps_short_buckets_at_or_below_its_high()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Short, 70_500m, 1m)); // == high: swept.
        tape.OnLiquidation(Liq(LiquidationSide.Short, 70_020m, 1m)); // below high: swept.
        tape.OnLiquidation(Liq(LiquidationSide.Short, 70_520m, 1m)); // above high: kept.

        var result = tape.OnMinute(Minute(T0, 70_500, 70_000));

        result.Swept.Select(s => s.Price).Should().BeEquivalentTo([70_500m, 70_020m]);
        result.Swept.Should().OnlyContain(s => s.Reason == SweepReason.HighAtOrAbove && s.Trigger == 70_500);
        tape.GetHeatmap().Short.Select(b => b.Price).Should().Equal(70_520m);
        result.ShortBuckets.Should().Be(1);
    }

    [Fact]
    public void Decay_runs_before_the_sweep_so_a_bucket_is_swept_at_its_decayed_notional()
    {
        // The recorded liq_sweeps_BTC line of minute 29537376: a $3,207.85 print swept as $3,191.81 = × 0.995.
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Short, 65_466.3m, 0.049m));
        tape.OnLiquidation(Liq(LiquidationSide.Short, 65_700m, 0.0015m)); // $98.55 < $100 even before decay.

        var result = tape.OnMinute(Minute(T0, 65_801.25, 65_745.65));

        result.Swept.Should().ContainSingle().Which.TotalNotionalUsd.Should().BeApproximately(3_191.81, 0.005);
        result.Decayed.Should().ContainSingle().Which.Price.Should().Be(65_700m);
    }

    [Fact]
    public void A_minute_not_newer_than_the_last_is_refused_and_counted()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Long, 60_000m, 1m));
        tape.OnMinute(Minute(T0, 70_500, 70_000)).Applied.Should().BeTrue();

        var again = tape.OnMinute(Minute(T0, 70_500, 50_000));

        again.Applied.Should().BeFalse();
        again.Swept.Should().BeEmpty();
        tape.GetHeatmap().Long[0].NotionalUsd.Should().BeApproximately(60_000 * 0.995, 1e-9);
        tape.Stats().StaleMinutes.Should().Be(1);
        tape.Stats().MinutesApplied.Should().Be(1);
    }

    [Fact]
    public void A_minute_without_a_price_decays_but_sweeps_nothing()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Long, 60_000m, 1m));

        var result = tape.OnMinute(Minute(T0, 0, 0));

        result.Swept.Should().BeEmpty();
        result.LongBuckets.Should().Be(1);
        tape.GetHeatmap().Long[0].NotionalUsd.Should().BeApproximately(60_000 * 0.995, 1e-9);
    }

    [Fact]
    public void The_heatmap_lists_each_side_ascending_with_exact_bucket_prices()
    {
        var tape = new LiquidationTape("SOL", new BucketGrid(0.1m), LeverageLadders.ForBase("SOL"));
        foreach (var p in new[] { 84.43m, 84.27m, 84.31m })
        {
            tape.OnLiquidation(new LiquidationEvent("okx", "SOL-USDT-SWAP", LiquidationSide.Short, p, 100m, T0));
        }

        var map = tape.GetHeatmap();
        map.Short.Select(b => b.Price).Should().Equal(84.3m, 84.4m);
        map.Short[0].Count.Should().Be(2);
        map.Long.Should().BeEmpty();
    }

    [Fact]
    public void The_raw_event_ring_keeps_the_latest_7200()
    {
        var tape = Btc();
        for (var i = 0; i < 7_205; i++)
        {
            tape.OnLiquidation(Liq(LiquidationSide.Long, 60_000m, 0.01m, T0 + i));
        }

        tape.RecentEvents.Should().HaveCount(7_200);
        tape.RecentEvents.First().TimestampMs.Should().Be(T0 + 5);
        tape.Stats().TotalEvents.Should().Be(7_205);
        tape.Stats().EventsHeld.Should().Be(7_200);
    }

    [Fact]
    public void An_entry_estimate_learns_an_offset_snapped_to_the_symbols_own_ladder()
    {
        // A 1.2 % move implies 1/(0.012 − 0.002) = 100x. SOL's ladder tops out at 75x; the old fixed list gave 100x.
        var sol = new LiquidationTape("SOL", new BucketGrid(0.1m), LeverageLadders.ForBase("SOL"));
        var (_, sample) = sol.OnLiquidation(
            new LiquidationEvent("binance", "SOLUSDT", LiquidationSide.Long, 98.8m, 10m, T0), entryEstimate: 100.0);

        sample.Should().NotBeNull();
        sample!.Value.Tier.Should().Be(75);
        sample.Value.OffsetPct.Should().BeApproximately(0.012, 1e-12);
        sample.Value.Side.Should().Be(LiquidationSide.Long);
        sol.OffsetSamples(75).Should().ContainSingle();

        var (_, btcSample) = Btc().OnLiquidation(Liq(LiquidationSide.Long, 98.8m, 10m), entryEstimate: 100.0);
        btcSample!.Value.Tier.Should().Be(100);
    }

    [Fact]
    public void A_move_within_the_buffer_learns_nothing()
    {
        var tape = Btc();
        var (_, sample) = tape.OnLiquidation(Liq(LiquidationSide.Short, 100.15m, 10m), entryEstimate: 100.0);

        sample.Should().BeNull();
        tape.Stats().OffsetSamples.Should().Be(0);
    }

    [Fact]
    public void Offset_samples_are_bounded_per_tier()
    {
        var tape = Btc(new TapeOptions { OffsetSamplesPerTier = 3 });
        for (var i = 0; i < 5; i++)
        {
            tape.OnLiquidation(Liq(LiquidationSide.Long, 98.8m, 1m, T0 + i), entryEstimate: 100.0);
        }

        tape.OffsetSamples(100).Should().HaveCount(3);
        tape.OffsetSampleCounts().Should().BeEquivalentTo(new Dictionary<int, int> { [100] = 3 });
    }

    [Fact]
    public void Stats_count_events_undecayed_usd_per_side_and_removals()
    {
        var tape = Btc();
        tape.OnLiquidation(Liq(LiquidationSide.Long, 60_000m, 1m));
        tape.OnLiquidation(Liq(LiquidationSide.Short, 80_000m, 0.5m));
        tape.OnLiquidation(Liq(LiquidationSide.Short, 75_000m, 0.5m));
        tape.OnMinute(Minute(T0, 75_000, 74_000));

        var stats = tape.Stats();
        stats.TotalEvents.Should().Be(3);
        stats.LongNotionalUsd.Should().Be(60_000);
        stats.ShortNotionalUsd.Should().Be(77_500);
        stats.LongBuckets.Should().Be(1);
        stats.ShortBuckets.Should().Be(1);
        stats.SweptBuckets.Should().Be(1);
    }

    [Fact]
    public void Bad_options_are_refused_with_a_clear_error()
    {
        var act = () => Btc(new TapeOptions { DecayPerMinute = 1.5 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Decay 1.5*");
    }
}
