using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Domain.Liquidations.Inference;
using static ActorBot.Domain.Tests.Liquidations.Calibration.CalibratorScenario;

namespace ActorBot.Domain.Tests.Liquidations.Calibration;

/// <summary>The calibrator defects of moonstream SPEC §13 (#2, #3, #4, #5, #6, #19, #23, #24), each with the new behaviour.</summary>
public sealed class CalibratorDefectTests
{
    /// <summary>The old default enabled weights (SPEC §6.6 step 13) on the old fixed ladder, 10x disabled.</summary>
    private static readonly LeverageLadder OldLadder = new([10, 20, 25, 50, 75, 100, 125], [0.0, 0.18, 0.27, 0.30, 0.15, 0.08, 0.02], [10]);

    [Theory]
    [InlineData("BTC")]
    [InlineData("ETH")]
    [InlineData("SOL")]
    [InlineData("XRP")]
    public void Defect2_default_weights_pass_the_safety_floor(string symbol)
    {
        var ladder = LeverageLadders.ForBase(symbol);
        var floor = new CalibratorOptions().SafetyEntropyRatioMin * TierWeights.MaxEntropy(ladder);

        TierWeights.EnabledEntropy(ladder.Weights, ladder).Should().BeGreaterThan(floor);
    }

    [Fact]
    public void Defect2_the_old_default_weights_fail_the_old_absolute_floor_but_pass_the_new_one()
    {
        var h = TierWeights.EnabledEntropy(OldLadder.Weights, OldLadder);

        h.Should().BeApproximately(1.588, 0.001).And.BeLessThan(1.6, "the old floor tripped every run at cycle 3");
        h.Should().BeGreaterThan(new CalibratorOptions().SafetyEntropyRatioMin * TierWeights.MaxEntropy(OldLadder));
    }

    [Fact]
    public void Defect2_a_run_with_default_weights_does_not_trip_at_cycle_3()
    {
        var c = Btc();
        var results = RunWindows(c, windows: 6, price: 100_000, (m, cal) => cal.OnLiquidation(Liq(m, LiquidationSide.Long, 99_560), 100_000));

        results.Should().HaveCount(6).And.OnlyContain(r => r.CalibrationEnabled && r.Tripped == null && r.WeightsApplied);
        c.CalibrationEnabled.Should().BeTrue();
    }

    [Fact]
    public void Defect2_and_23_collapsed_weights_trip_on_the_same_enabled_tier_entropy_the_result_reports()
    {
        // Weights collapsed on 50x, and some on the disabled 10x, which neither the rule nor the result may count.
        var ladder = LeverageLadders.ForBase("BTC");
        var collapsed = ladder.Tiers.Select(t => t switch { 50 => 0.7, 5 => 0.28, 10 => 0.5, _ => 0.002 }).ToArray();
        var c = LiquidationCalibrator.Restore(Btc().ToSnapshot() with { Weights = collapsed }, Grid, ladder);
        c.Weights[1].Should().Be(0, "10x is disabled");

        var results = RunWindows(c, windows: 4, price: 100_000, (m, cal) => cal.OnLiquidation(Liq(m, LiquidationSide.Long, 97_800), 100_000));

        foreach (var r in results)
        {
            r.Entropy.Should().BeLessThan(r.EntropyFloor);
        }

        results[0].Entropy.Should().BeApproximately(TierWeights.EnabledEntropy(results[0].Weights, ladder), 1e-12, "reported = tested, over enabled tiers");
        results[1].Tripped.Should().BeNull();
        results[2].Tripped.Should().Be(SafetyTrip.LowEntropy, "three consecutive low-entropy cycles");
        results[2].WeightsApplied.Should().BeFalse();
        results[3].Weights.Should().Equal(results[2].OldWeights, "weights freeze once tripped");
        c.Stats.Tripped.Should().Be(SafetyTrip.LowEntropy);
    }

    [Fact]
    public void Defect3_attribution_follows_the_entry_each_tier_implies_not_the_highest_tier()
    {
        // Price fell from 100,000 to 97,000 over 30 minutes. A long liquidated at 96,600 (0.4 % under mark, the typical
        // recorded distance) can be a position of 50x–250x opened during the fall; 20x and 25x entries never traded.
        var c = Btc();
        for (var i = 0; i <= 30; i++)
        {
            var p = 100_000 - (100.0 * i);
            c.OnMinuteSnapshot(Flat(i, p, low: p - 50, high: p + 50));
        }

        var o = c.OnLiquidation(Liq(30, LiquidationSide.Long, 96_600), markPrice: 97_000);

        var r = o.Responsibilities!.ToDictionary(x => x.Tier);
        foreach (var t in (int[])[50, 75, 100, 125, 150, 200, 250])
        {
            r[t].EntryDistancePct.Should().Be(0, $"a {t}x entry traded during the fall");
        }

        r[25].Responsibility.Should().BeLessThan(r[50].Responsibility / 100);
        o.AttributedTier.Should().Be(50, "among equally plausible tiers the weights favour 50x");

        // The old rule (nearest level for a position opened at the current price) says 250x, the highest tier.
        var ladder = LeverageLadders.ForBase("BTC");
        ladder.Tiers.MinBy(t => Math.Abs(96_600 - ImpliedLiquidation.Price(LiquidationSide.Long, 97_000, t, 0.002))).Should().Be(250);

        // In a flat market the same liquidation can only be a 250x position: the evidence, not a bias to the top.
        var flat = Btc();
        for (var i = 0; i <= 30; i++)
        {
            flat.OnMinuteSnapshot(Flat(i, 97_000, low: 96_950, high: 97_050));
        }

        flat.OnLiquidation(Liq(30, LiquidationSide.Long, 96_600), markPrice: 97_000).AttributedTier.Should().Be(250);
    }

    [Fact]
    public void Defect3_learning_moves_weight_towards_tiers_whose_entries_traded()
    {
        // Flat at 100,000: a long liquidated at 97,800 implies a 50x entry at 100,000; 20x/25x entries never traded.
        var c = Btc();
        var results = RunWindows(c, windows: 5, price: 100_000, (m, cal) =>
        {
            for (var k = 0; k < 4; k++)
            {
                cal.OnLiquidation(Liq(m, LiquidationSide.Long, 97_800, secondInMinute: 10 + k), 100_000);
            }
        });

        var ladder = LeverageLadders.ForBase("BTC");
        var i50 = ladder.Tiers.ToList().IndexOf(50);
        var i25 = ladder.Tiers.ToList().IndexOf(25);
        results[^1].AttributedTierCounts.Should().ContainKey(50);
        results[^1].Scores[i50].Should().BeGreaterThan(results[^1].Scores[i25]);
        c.Weights[i50].Should().BeGreaterThan(ladder.Weights[i50] * 1.01, "50x gained more than the old ~1e-4 per cycle");
        c.Weights[i25].Should().BeLessThan(ladder.Weights[i25]);
    }

    [Fact]
    public void Defect4_the_bias_converges_to_the_median_miss_not_half_of_it()
    {
        // Every long prints 0.1 % beyond the 50x level of a position opened at the reference price.
        const double src = 100_000;
        const double miss = -0.001;
        var level = ImpliedLiquidation.Price(LiquidationSide.Long, src, 50, 0.002);
        var c = Btc();
        var results = RunWindows(c, windows: 80, price: src, (m, cal) =>
        {
            if (m % 15 < 12)
            {
                cal.OnLiquidation(Liq(m, LiquidationSide.Long, level + (miss * src)), src);
            }
        });

        results.Should().OnlyContain(r => r.AttributedTierCounts.Keys.SequenceEqual(new[] { 50 }));
        c.BiasLong.Should().BeApproximately(miss, Math.Abs(miss) * 0.01, "the fixed point is the miss itself");
        c.BiasShort.Should().Be(0, "no short samples");
    }

    [Fact]
    public void Defect5_a_tolerance_of_4_grows_when_misses_are_wide()
    {
        // One predicted long zone 10 buckets (200 USD) from every event: all misses at distance 10 > 1.5 × 4.
        var zone = new Dictionary<long, double> { [Grid.TickOf(99_400m)] = 1.0 };
        var c = Btc();
        c.Tolerance.Should().Be(4);
        var results = new List<CalibrationResult>();
        for (var i = 0; i < 30; i++)
        {
            if (c.OnMinuteSnapshot(Flat(i, 100_000, longs: zone)) is { } r)
            {
                results.Add(r);
            }

            c.OnLiquidation(Liq(i, LiquidationSide.Long, 99_600), 100_000).MissDistanceBuckets.Should().Be(10);
        }

        results[0].OldTolerance.Should().Be(4);
        results[0].Tolerance.Should().Be(5, "⌈4 × 1.2⌉; the old int(4.8) kept it at 4 forever");
        results[1].Tolerance.Should().Be(6);
    }

    [Fact]
    public void Defect6_the_result_feeds_the_inference_so_the_tuned_buffer_reaches_the_projections()
    {
        // Predictions 600 USD further from price than the events: the buffer shrinks (×0.98) and must reach the inference.
        var zone = new Dictionary<long, double> { [Grid.TickOf(99_000m)] = 1.0 };
        var c = Btc();
        CalibrationResult? result = null;
        for (var i = 0; i < 15; i++)
        {
            result = c.OnMinuteSnapshot(Flat(i, 100_000, longs: zone)) ?? result;
            c.OnLiquidation(Liq(i, LiquidationSide.Long, 99_600), 100_000);
        }

        result!.Buffer.Should().BeApproximately(0.002 * 0.98, 1e-12);
        var inference = new EntryInference("BTC", Grid, LeverageLadders.ForBase("BTC"));
        inference.UpdateWeights(result.Weights, result.Buffer);

        inference.Buffer.Should().Be(result.Buffer);
        inference.Ladder.Tiers.Should().Equal(result.Tiers);
        inference.Ladder.Weights.Should().Equal(result.Weights);
    }

    [Fact]
    public void Defect6_the_calibrator_levels_have_no_extra_one_percent_over_L_term()
    {
        // An event exactly on the shared function's 125x level from a flat market is a 125x position with zero miss.
        var level = ImpliedLiquidation.Price(LiquidationSide.Short, 100_000, 125, 0.002);
        var c = Btc();
        c.OnMinuteSnapshot(Flat(0, 100_000));

        var o = c.OnLiquidation(Liq(0, LiquidationSide.Short, level), 100_000);

        o.AttributedTier.Should().Be(125);
        o.MissPct.Should().BeApproximately(0, 1e-6);
        level.Should().Be(101_000);
    }

    [Fact]
    public void Defect24_calibration_enabled_survives_a_snapshot_round_trip()
    {
        var ladder = LeverageLadders.ForBase("BTC");
        var collapsed = ladder.Tiers.Select(t => t switch { 50 => 0.7, 5 => 0.28, _ => 0.002 }).ToArray();
        var c = LiquidationCalibrator.Restore(Btc().ToSnapshot() with { Weights = collapsed }, Grid, ladder);
        RunWindows(c, windows: 3, price: 100_000, (m, cal) => cal.OnLiquidation(Liq(m, LiquidationSide.Long, 97_800), 100_000));
        c.CalibrationEnabled.Should().BeFalse();

        var snapshot = c.ToSnapshot();
        var restored = LiquidationCalibrator.Restore(snapshot, Grid, ladder);

        snapshot.CalibrationEnabled.Should().BeFalse();
        restored.CalibrationEnabled.Should().BeFalse();
        restored.Tripped.Should().Be(SafetyTrip.LowEntropy);
        restored.Weights.Should().Equal(c.Weights);
        restored.ToSnapshot().Should().BeEquivalentTo(snapshot);
        var after = RunWindows(restored, windows: 1, price: 100_000, (m, cal) => cal.OnLiquidation(Liq(m, LiquidationSide.Long, 97_800), 100_000), firstMinute: 100);
        after[0].WeightsApplied.Should().BeFalse("a restart does not silently re-enable a tripped calibrator");
    }

    [Fact]
    public void The_calibrator_is_deterministic()
    {
        static IReadOnlyList<CalibrationResult> Run()
        {
            var zone = new Dictionary<long, double> { [Grid.TickOf(99_400m)] = 0.7, [Grid.TickOf(100_800m)] = 0.4 };
            var c = Btc();
            var list = new List<CalibrationResult>();
            for (var i = 0; i < 60; i++)
            {
                var p = 100_000 + (200 * Math.Sin(i / 5.0));
                if (c.OnMinuteSnapshot(new CalibratorMinute(Minute(i), p, p + 40, p - 40, p, 1e6 + (i * 1e4), 9e5, 1000 + i, 1000 + i - 1, zone, zone)) is { } r)
                {
                    list.Add(r);
                }

                c.OnLiquidation(Liq(i, i % 2 == 0 ? LiquidationSide.Long : LiquidationSide.Short, p * (i % 2 == 0 ? 0.996 : 1.004)), p);
            }

            return list;
        }

        Run().Should().BeEquivalentTo(Run(), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Defect19_oi_fuel_is_relative_so_the_same_oi_change_weighs_the_same_at_any_scale()
    {
        // The old fuel divided the OI change by a fixed 1000 base units: saturated for SOL (millions of units), tiny for
        // BTC. Here it is relative to the prior OI, so scaling the OI by 1000 changes nothing; and the fuel does act
        // (a flat OI gives other results), so this test can tell the two rules apart.
        static IReadOnlyList<CalibrationResult> Run(double scale, double growth)
        {
            // Zones within the approach range of the close, so the stress (aggression and OI fuel) weighs their soft hits.
            var zone = new Dictionary<long, double> { [Grid.TickOf(99_900m)] = 0.7, [Grid.TickOf(100_100m)] = 0.4 };
            var c = Btc();
            var list = new List<CalibrationResult>();
            for (var i = 0; i < 60; i++)
            {
                var p = 100_000 + (200 * Math.Sin(i / 5.0));
                var oi = scale * (1000 + (growth * i));
                var prior = scale * (1000 + (growth * (i - 1)));
                if (c.OnMinuteSnapshot(new CalibratorMinute(Minute(i), p, p + 40, p - 40, p, 1e6, 1e6, oi, prior, zone, zone)) is { } r)
                {
                    list.Add(r);
                }

                c.OnLiquidation(Liq(i, i % 2 == 0 ? LiquidationSide.Long : LiquidationSide.Short, p * (i % 2 == 0 ? 0.996 : 1.004)), p);
            }

            return list;
        }

        var btcLike = Run(scale: 1, growth: 1);
        Run(scale: 1000, growth: 1).Should().BeEquivalentTo(btcLike, o => o.WithStrictOrdering(), "the same relative OI change at 1000x the OI");
        Run(scale: 1, growth: 0).Should().NotBeEquivalentTo(btcLike, "the OI fuel takes part in the attribution");
    }

    /// <summary>Feeds whole windows of flat minutes, calling <paramref name="each"/> after each minute; returns the results.</summary>
    private static List<CalibrationResult> RunWindows(LiquidationCalibrator c, int windows, double price, Action<int, LiquidationCalibrator> each, int firstMinute = 0)
    {
        var results = new List<CalibrationResult>();
        for (var m = firstMinute; results.Count < windows; m++)
        {
            if (c.OnMinuteSnapshot(Flat(m, price)) is { } r)
            {
                results.Add(r);
            }

            each(m, c);
        }

        return results;
    }
}
