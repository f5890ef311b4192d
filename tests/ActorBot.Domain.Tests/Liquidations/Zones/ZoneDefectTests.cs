using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Tape;
using ActorBot.Domain.Liquidations.Zones;

namespace ActorBot.Domain.Tests.Liquidations.Zones;

/// <summary>The SPEC §13 defects that concern zones (#8, #9, #24), each showing the new behaviour.</summary>
public sealed class ZoneDefectTests
{
    private const long T0 = 1_772_242_500_000;
    private const long Min = 60_000;

    [Fact]
    public void Defect_8_a_heavy_bucket_the_tape_sweeps_creates_a_sweep_zone_past_the_minute_range()
    {
        var grid = new BucketGrid(20m);
        var tape = new LiquidationTape("BTC", grid, LeverageLadders.ForBase("BTC"));
        var book = ZoneBookTests.Btc();
        foreach (var liq in new[]
        {
            new LiquidationEvent("binance", "BTCUSDT", LiquidationSide.Long, 60_000m, 1m, T0 + 5_000),
            new LiquidationEvent("binance", "BTCUSDT", LiquidationSide.Long, 59_000m, 0.1m, T0 + 6_000),
        })
        {
            var (bucket, _) = tape.OnLiquidation(liq);
            book.CreateOrReinforce(ZoneInput.FromTape(bucket, liq.NotionalUsd), liq.TimestampMs);
        }

        var minute = new MinuteClosed("BTC", T0, 60_400, 60_500, 58_950, 59_100, 0, 0, 40, null);
        var swept = tape.OnMinute(minute);
        swept.Swept.Should().HaveCount(2);

        var result = book.OnMinute(ZoneMinute.From(minute, swept));

        // Both tape zones are swept; only the $59.7k bucket (0.597 ≥ 0.5 as a zone weight) makes a sweep zone, one
        // bucket past the minute's low 58,950 (the old "one step past the bucket", 59,980, lay inside the range).
        result.Swept.Should().Be(2);
        result.SweepZones.Should().Be(1);
        var zone = book.GetActiveZones().Should().ContainSingle().Subject;
        zone.Source.Should().Be(ZoneSource.Sweep);
        zone.Side.Should().Be(LiquidationSide.Long);
        zone.Price.Should().Be(58_940m);
        zone.ExactWeight.Should().BeApproximately(60_000 * 0.995 * 1e-5 * 0.3 * 0.5, 1e-12);
        book.Stats().SweepZonesCreated.Should().Be(1);

        // It lies outside the range that swept its bucket, so a next minute that holds above it keeps it.
        book.OnMinute(ZoneMinute.From(new MinuteClosed("BTC", T0 + Min, 59_000, 59_200, 58_945, 59_100, 0, 0, 10, null)));
        book.GetActiveZones().Should().ContainSingle().Which.Price.Should().Be(58_940m);
    }

    [Fact]
    public void Defect_8_a_short_sweep_zone_goes_one_bucket_above_the_high()
    {
        var grid = new BucketGrid(20m);
        var swept = new SweptBucket(T0, LiquidationSide.Short, 3_000, 60_000m, 80_000, 3, 90_000, T0, SweepReason.HighAtOrAbove, 60_031);

        var input = SweepZoneRule.From(swept, grid, new ZoneOptions());

        input.Should().NotBeNull();
        (input!.Tick, input.Side, input.Source, input.Tier, input.Confidence).Should().Be((3_003L, LiquidationSide.Short, ZoneSource.Sweep, (int?)null, 0.5));
        input.Weight.Should().BeApproximately(0.8 * 0.3, 1e-12);
        SweepZoneRule.From(swept with { TotalNotionalUsd = 49_999 }, grid, new ZoneOptions()).Should().BeNull();
    }

    [Fact]
    public void Defect_9_a_new_zone_is_capped_at_5_and_its_tier_evidence_kept_raw()
    {
        // The old BTC file holds a zone created at 20.55 (tier 50 alone, never reinforced) that had decayed to 20.04.
        var book = ZoneBookTests.Btc();
        var result = book.CreateOrReinforce(ZoneInput.FromInference(3_459, LiquidationSide.Long, 2_568_750, tier: 50, sideWeight: 1.0), T0);

        var created = result.Event.Should().BeOfType<ZoneCreated>().Subject;
        created.Weight.Should().Be(5.0);
        created.Capped.Should().BeTrue();
        var zone = book.GetActiveZones().Single();
        zone.Price.Should().Be(69_180m);
        zone.TierContributions.Should().ContainSingle().Which.Value.Should().BeApproximately(20.55, 1e-9);
        book.Stats().CappedOnCreation.Should().Be(1);
    }

    [Fact]
    public void Defect_24_loading_after_downtime_decays_each_missed_minute_and_expires_what_falls_under()
    {
        var book = ZoneBookTests.Btc();
        book.CreateOrReinforce(ZoneInput.FromTape(3_000, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(ZoneInput.FromTape(3_100, LiquidationSide.Short, 9_000), T0);
        book.OnMinute(new ZoneMinute(T0, 61_000, 60_900, 61_000, [], []));
        var snapshot = book.Snapshot(T0 + Min + 500);

        // Down from the close of minute T0 until 120 more minutes have closed (plus 30 s into the next one).
        var now = T0 + Min + (120 * Min) + 30_000;
        var restored = ZoneBookTests.Btc();
        var load = restored.Load(snapshot, now);

        load.Loaded.Should().BeTrue();
        load.MinutesCaughtUp.Should().Be(120);
        restored.GetActiveZones().Single().ExactWeight.Should().BeApproximately(0.995 * Math.Pow(0.995, 120), 1e-12);
        var expired = load.Expired.Should().ContainSingle().Subject;
        expired.Price.Should().Be(62_000m);
        expired.AtLoad.Should().BeTrue();
        expired.Reason.Should().Be(ZoneExpiryReason.BelowMinWeight);
        restored.GetSummary().ZonesExpiredTotal.Should().Be(1);

        // The missed minutes count as applied: a late message for one of them cannot decay the book again.
        restored.LastMinuteMs.Should().Be(T0 + (120 * Min));
        restored.OnMinute(new ZoneMinute(T0 + (60 * Min), 61_000, 60_900, 61_000, [], [])).Applied.Should().BeFalse();
    }

    [Fact]
    public void Defect_24_loading_expires_zones_aged_past_240_minutes_and_far_from_the_current_price()
    {
        var book = ZoneBookTests.Btc();
        book.CreateOrReinforce(ZoneInput.FromTape(2_900, LiquidationSide.Long, 400_000), T0);
        book.CreateOrReinforce(ZoneInput.FromTape(3_040, LiquidationSide.Long, 400_000), T0);
        var snapshot = book.Snapshot(T0 + 1_000);
        var now = T0 + (200 * Min);

        var withPrice = ZoneBookTests.Btc();
        var load = withPrice.Load(snapshot, now, currentPrice: 61_000);
        var withoutPrice = ZoneBookTests.Btc();
        withoutPrice.Load(snapshot, now + (50 * Min)).Expired.Should().BeEmpty("without a price the first live minute judges age");

        load.Expired.Should().BeEmpty("200 minutes is not past the 240-minute age");
        var later = ZoneBookTests.Btc();
        var aged = later.Load(snapshot, now + (50 * Min), currentPrice: 61_000);
        aged.Expired.Should().ContainSingle().Which.Should().Match<ZoneExpired>(e => e.Price == 58_000m && e.Reason == ZoneExpiryReason.AgedAndDistant);
        later.GetActiveZones().Single().Price.Should().Be(60_800m);
    }

    [Fact]
    public void Defect_24_a_snapshot_of_another_symbol_or_grid_is_refused_and_the_book_left_alone()
    {
        var book = ZoneBookTests.Btc();
        book.CreateOrReinforce(ZoneInput.FromTape(3_000, LiquidationSide.Long, 100_000), T0);
        var eth = new ZoneBook("ETH", new BucketGrid(1m), LeverageLadders.ForBase("ETH")).Snapshot(T0);

        book.Load(eth, T0).Error.Should().Be(ZoneLoadError.SymbolMismatch);
        book.Load(eth with { Symbol = "BTC" }, T0).Error.Should().Be(ZoneLoadError.StepMismatch);
        book.Load(eth with { Symbol = "BTC", Step = 20m, Version = 99 }, T0).Error.Should().Be(ZoneLoadError.UnsupportedVersion);
        book.Count.Should().Be(1);
    }
}
