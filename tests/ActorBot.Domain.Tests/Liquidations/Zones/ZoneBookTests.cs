using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Zones;

namespace ActorBot.Domain.Tests.Liquidations.Zones;

public sealed class ZoneBookTests
{
    private const long T0 = 1_772_242_500_000;
    private const long Min = 60_000;

    internal static ZoneBook Btc(ZoneOptions? options = null) =>
        new("BTC", new BucketGrid(20m), LeverageLadders.ForBase("BTC"), options);

    private static long Tick(decimal price, decimal step = 20m) => new BucketGrid(step).TickOf(price);

    private static ZoneInput Tape(decimal price, LiquidationSide side, double notionalUsd) => ZoneInput.FromTape(Tick(price), side, notionalUsd);

    private static ZoneInput Inferred(decimal price, LiquidationSide side, double usd, int tier, double sideWeight = 1.0) =>
        ZoneInput.FromInference(Tick(price), side, usd, tier, sideWeight);

    private static ZoneMinute Quiet(long minuteMs, double price = 60_000, double closeFactor = 0, params ZoneInput[] evidence) =>
        new(minuteMs, price + 10, price - 10, price, [], evidence, closeFactor);

    [Fact]
    public void A_new_zone_weighs_its_input_times_the_tier_intensity_and_the_confidence()
    {
        var book = Btc();
        var result = book.CreateOrReinforce(Inferred(60_000m, LiquidationSide.Long, 50_000, tier: 50, sideWeight: 0.6), T0);

        result.Outcome.Should().Be(ZoneUpsertOutcome.Created);
        var created = result.Event.Should().BeOfType<ZoneCreated>().Subject;
        created.Weight.Should().BeApproximately(0.5 * 0.8 * 0.6, 1e-12);
        created.Type.Should().Be("zone_created");
        created.Price.Should().Be(60_000m);
        var zone = book.GetActiveZones().Should().ContainSingle().Subject;
        zone.CreatedAtMs.Should().Be(T0);
        zone.LastReinforcedAtMs.Should().Be(T0);
        zone.ReinforcementCount.Should().Be(0);
        zone.Source.Should().Be(ZoneSource.Inference);
        zone.TierContributions.Should().Equal(new TierContribution(50, 0.24));
    }

    [Fact]
    public void Reinforcing_adds_three_tenths_of_the_input_and_sums_each_tier_raw()
    {
        var book = Btc();
        book.CreateOrReinforce(Inferred(60_000m, LiquidationSide.Long, 50_000, tier: 50, sideWeight: 0.6), T0);
        var result = book.CreateOrReinforce(Inferred(60_000m, LiquidationSide.Long, 100_000, tier: 125, sideWeight: 0.5), T0 + Min);

        var e = result.Event.Should().BeOfType<ZoneReinforced>().Subject;
        e.WeightBefore.Should().BeApproximately(0.24, 1e-12);
        e.Weight.Should().BeApproximately(0.24 + (0.3 * 0.5), 1e-12);
        e.Count.Should().Be(1);
        var zone = book.GetActiveZones().Single();
        zone.LastReinforcedAtMs.Should().Be(T0 + Min);
        zone.CreatedAtMs.Should().Be(T0);
        zone.TierContributions.Should().Equal(new TierContribution(50, 0.24), new TierContribution(125, 0.5));
        book.GetSummary().ZonesReinforcedTotal.Should().Be(1);
    }

    [Fact]
    public void Reinforcement_stops_at_the_cap()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(60_000m, LiquidationSide.Long, 490_000), T0);
        book.CreateOrReinforce(Tape(60_000m, LiquidationSide.Long, 100_000), T0 + 1);

        book.GetActiveZones().Single().ExactWeight.Should().Be(5.0);
    }

    [Fact]
    public void Evidence_from_a_second_source_makes_the_zone_combined()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(60_000m, LiquidationSide.Long, 20_000), T0);
        book.CreateOrReinforce(Inferred(60_000m, LiquidationSide.Long, 20_000, tier: 50), T0 + 1);

        book.GetActiveZones().Single().Source.Should().Be(ZoneSource.Combined);
    }

    [Fact]
    public void A_disabled_tier_changes_nothing_and_is_counted()
    {
        var book = Btc();
        var result = book.CreateOrReinforce(Inferred(60_000m, LiquidationSide.Long, 50_000, tier: 10), T0);

        result.Outcome.Should().Be(ZoneUpsertOutcome.Rejected);
        result.Rejection.Should().Be(ZoneRejection.DisabledTier);
        book.Count.Should().Be(0);
        book.Stats().RejectedByReason[ZoneRejection.DisabledTier].Should().Be(1);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, 3000L, ZoneRejection.InvalidWeight)]
    [InlineData(-0.1, 1.0, 3000L, ZoneRejection.InvalidWeight)]
    [InlineData(0.1, 1.5, 3000L, ZoneRejection.InvalidConfidence)]
    [InlineData(0.1, double.NaN, 3000L, ZoneRejection.InvalidConfidence)]
    [InlineData(0.1, 1.0, 0L, ZoneRejection.InvalidTick)]
    [InlineData(0.0, 1.0, 3000L, ZoneRejection.ZeroWeight)]
    public void A_bad_input_gets_a_typed_rejection_and_is_counted(double weight, double confidence, long tick, ZoneRejection expected)
    {
        var book = Btc();
        var result = book.CreateOrReinforce(new ZoneInput(tick, LiquidationSide.Short, weight, ZoneSource.Tape, null, confidence), T0);

        result.Rejection.Should().Be(expected);
        book.Count.Should().Be(0);
        book.Stats().Rejected.Should().Be(1);
    }

    [Fact]
    public void A_minute_sweeps_long_zones_at_or_above_its_low_and_short_zones_at_or_below_its_high()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(60_000m, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(Tape(59_000m, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(Tape(61_000m, LiquidationSide.Short, 100_000), T0);
        book.CreateOrReinforce(Tape(62_000m, LiquidationSide.Short, 100_000), T0);

        var result = book.OnMinute(new ZoneMinute(T0, 61_000, 60_000, 60_500, [], []));

        result.Swept.Should().Be(2);
        var swept = result.Events.OfType<ZoneSwept>().ToList();
        swept.Select(s => (s.Side, s.Price, s.Trigger)).Should().Equal(
            (LiquidationSide.Long, 60_000m, 60_000.0), (LiquidationSide.Short, 61_000m, 61_000.0));
        swept[0].Weight.Should().Be(1.0, "the sweep runs before the minute's decay");
        swept[0].LifespanMinutes.Should().Be(1.0);
        book.GetActiveZones().Select(z => z.Price).Should().BeEquivalentTo([59_000m, 62_000m]);
        book.GetSummary().ZonesSweptTotal.Should().Be(2);
    }

    [Fact]
    public void Each_minute_decays_every_zone_by_0_995_and_expires_those_under_0_05()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(Tape(57_000m, LiquidationSide.Long, 5_020), T0);

        var result = book.OnMinute(Quiet(T0));

        book.GetActiveZones().Single().ExactWeight.Should().Be(0.995);
        var expired = result.Events.OfType<ZoneExpired>().Should().ContainSingle().Subject;
        expired.Price.Should().Be(57_000m);
        expired.Reason.Should().Be(ZoneExpiryReason.BelowMinWeight);
        expired.Weight.Should().BeApproximately(0.0502 * 0.995, 1e-12);
        expired.AtLoad.Should().BeFalse();
    }

    [Fact]
    public void A_zone_unreinforced_for_over_240_minutes_expires_only_when_price_is_more_than_2_percent_away()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(Tape(59_600m, LiquidationSide.Long, 100_000), T0);

        var result = book.OnMinute(Quiet(T0 + (240 * Min), price: 60_000));

        var expired = result.Events.OfType<ZoneExpired>().Should().ContainSingle().Subject;
        expired.Price.Should().Be(58_000m);
        expired.Reason.Should().Be(ZoneExpiryReason.AgedAndDistant);
        expired.AgeSinceReinforceMinutes.Should().Be(241);
        book.GetActiveZones().Single().Price.Should().Be(59_600m);
    }

    [Fact]
    public void The_oi_close_factor_scales_every_zone_tape_ones_included()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(Inferred(62_000m, LiquidationSide.Short, 125_000, tier: 50), T0);

        var result = book.OnMinute(Quiet(T0, closeFactor: 0.2));

        result.CloseFactorApplied.Should().BeTrue();
        book.GetActiveZones().Select(z => z.ExactWeight).Should().AllSatisfy(w => w.Should().BeApproximately(0.995 * 0.8, 1e-12));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_bad_close_factor_is_refused_and_counted(double closeFactor)
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 100_000), T0);

        var result = book.OnMinute(Quiet(T0, closeFactor: closeFactor));

        result.CloseFactorApplied.Should().BeFalse();
        result.Rejections.Should().Equal(ZoneRejection.InvalidCloseFactor);
        book.GetActiveZones().Single().ExactWeight.Should().Be(0.995);
    }

    [Fact]
    public void A_minute_runs_sweep_then_decay_then_evidence_then_close_factor_then_merge()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(Tape(60_600m, LiquidationSide.Short, 100_000), T0);

        // Evidence inside the minute's range lands after the sweep, so it is not swept this minute; it is not decayed
        // either; the close factor then cuts everything; the merge folds the new 58,020 zone into 58,000.
        var result = book.OnMinute(new ZoneMinute(
            T0, 60_600, 59_900, 60_000, [], [Tape(58_020m, LiquidationSide.Long, 50_000), Tape(60_000m, LiquidationSide.Long, 100_000)], 0.1));

        result.Events.Select(e => e.Type).Should().Equal("zone_swept", "zone_created", "zone_created", "zone_merged");
        var zones = book.GetActiveZones(LiquidationSide.Long).OrderBy(z => z.Price).ToList();
        zones.Select(z => z.Price).Should().Equal(58_000m, 60_000m);
        zones[0].ExactWeight.Should().BeApproximately((0.995 * 0.9) + (0.5 * 0.9), 1e-12);
        zones[1].ExactWeight.Should().BeApproximately(0.9, 1e-12);
    }

    [Fact]
    public void Merging_chains_neighbours_into_the_heaviest_summing_capped_weights_and_tier_evidence()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(60_000m, LiquidationSide.Long, 100_000), T0);
        book.CreateOrReinforce(Inferred(60_020m, LiquidationSide.Long, 250_000, tier: 50), T0);
        book.CreateOrReinforce(Inferred(60_040m, LiquidationSide.Long, 62_500, tier: 75), T0 + 30_000);

        var result = book.OnMinute(Quiet(T0, price: 62_000));

        result.Merged.Should().Be(2);
        var zone = book.GetActiveZones().Should().ContainSingle().Subject;
        zone.Price.Should().Be(60_020m, "the heaviest zone keeps its price");
        zone.ExactWeight.Should().BeApproximately((1.0 + 2.0 + 0.5625) * 0.995, 1e-12);
        zone.Source.Should().Be(ZoneSource.Combined);
        zone.TierContributions.Should().Equal(new TierContribution(50, 2.0), new TierContribution(75, 0.5625));
        zone.LastReinforcedAtMs.Should().Be(T0 + 30_000, "the newest evidence folded in keeps the zone fresh");
        book.GetSummary().ZonesMergedTotal.Should().Be(2);
    }

    [Fact]
    public void A_merge_never_exceeds_the_cap()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(60_000m, LiquidationSide.Short, 400_000), T0);
        book.CreateOrReinforce(Tape(60_020m, LiquidationSide.Short, 400_000), T0);

        book.OnMinute(Quiet(T0, price: 58_000));

        book.GetActiveZones().Single().ExactWeight.Should().Be(5.0);
    }

    [Theory]
    [InlineData("SOL", "0.1", "89.0", "89.1", false)]
    [InlineData("ETH", "1", "2000", "2001", true)]
    [InlineData("BTC", "20", "66800", "66820", true)]
    public void Neighbouring_buckets_merge_only_within_0_05_percent(string symbol, string step, string p1, string p2, bool merges)
    {
        var grid = new BucketGrid(decimal.Parse(step, System.Globalization.CultureInfo.InvariantCulture));
        var book = new ZoneBook(symbol, grid, LeverageLadders.ForBase(symbol));
        var a = decimal.Parse(p1, System.Globalization.CultureInfo.InvariantCulture);
        var b = decimal.Parse(p2, System.Globalization.CultureInfo.InvariantCulture);
        book.CreateOrReinforce(ZoneInput.FromTape(grid.TickOf(a), LiquidationSide.Short, 100_000), T0);
        book.CreateOrReinforce(ZoneInput.FromTape(grid.TickOf(b), LiquidationSide.Short, 50_000), T0);

        book.OnMinute(new ZoneMinute(T0, (double)a * 0.9, (double)a * 0.89, (double)a * 0.895, [], []));

        book.Count.Should().Be(merges ? 1 : 2);
    }

    [Fact]
    public void A_minute_not_newer_than_the_last_is_refused_and_changes_nothing()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 100_000), T0);
        book.OnMinute(Quiet(T0));

        var again = book.OnMinute(Quiet(T0));

        again.Applied.Should().BeFalse();
        book.GetActiveZones().Single().ExactWeight.Should().Be(0.995);
        book.Stats().StaleMinutes.Should().Be(1);
    }

    [Fact]
    public void The_leverage_filter_keeps_zones_whose_tiers_in_range_contributed_and_drops_tape_only_zones()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 300_000), T0);
        book.CreateOrReinforce(Inferred(57_000m, LiquidationSide.Long, 100_000, tier: 25), T0);
        book.CreateOrReinforce(Inferred(56_000m, LiquidationSide.Long, 100_000, tier: 125), T0);
        book.CreateOrReinforce(Inferred(63_000m, LiquidationSide.Short, 100_000, tier: 100), T0);

        book.GetActiveZones(minLeverage: 75).Select(z => z.Price).Should().Equal(56_000m, 63_000m);
        book.GetActiveZones(LiquidationSide.Long, maxLeverage: 50).Select(z => z.Price).Should().Equal(57_000m);
        book.GetActiveZones(minLeverage: 0, maxLeverage: 0).Should().HaveCount(4, "0 counts as not set, as the old API");
    }

    [Fact]
    public void Views_are_sorted_by_weight_and_rounded_as_the_old_wire_and_the_summary_totals_each_side()
    {
        var book = Btc();
        book.CreateOrReinforce(Tape(58_000m, LiquidationSide.Long, 12_345.678), T0);
        book.CreateOrReinforce(Inferred(57_000m, LiquidationSide.Long, 123_456.789, tier: 50), T0);
        book.CreateOrReinforce(Tape(63_000m, LiquidationSide.Short, 45_678.9), T0);

        var views = book.GetActiveZones();

        views.Select(v => v.Weight).Should().Equal(0.9877, 0.4568, 0.1235);
        views[0].TierContributions.Should().Equal(new TierContribution(50, 0.9877));
        views[0].ExactWeight.Should().BeApproximately(1.23456789 * 0.8, 1e-12);
        book.GetSummary().Should().Be(new ZoneSummary(2, 1, 1.11, 0.46, 3, 0, 0, 0, 0));
    }
}
