using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Inference;

namespace ActorBot.Domain.Tests.Liquidations;

public sealed class EntryInferenceTests
{
    private const string Btc = "BTCUSDT";
    private static readonly BucketGrid BtcGrid = new(20m);

    /// <summary>The fixed 7-tier dict the old live inference used for every symbol (SPEC §2), for parity tests only.</summary>
    private static LeverageLadder OldSevenTier(params double[] weights)
        => new([10, 20, 25, 50, 75, 100, 125], weights.Length == 0 ? [0.0, 0.18, 0.27, 0.30, 0.15, 0.08, 0.02] : weights, [10]);

    private static MinuteClosed Minute(long minute, double price, double? oi, double buyUsd = 500, double sellUsd = 500, double? high = null, double? low = null, string symbol = Btc)
        => new(symbol, minute * 60_000, price, high ?? price, low ?? price, price, buyUsd, sellUsd, 10, oi);

    private static MinuteClosed FlatOhlc4(long minute, double src, double high, double low, double? oi, double buyShare)
    {
        // Open = close chosen so that OHLC4 is exactly the recorded src.
        var oc = ((4 * src) - high - low) / 2;
        return new MinuteClosed(Btc, minute * 60_000, oc, high, low, oc, buyShare, 1 - buyShare, 1, oi);
    }

    [Fact]
    public void The_recorded_projections_are_reproduced_tier_for_tier()
    {
        // liq_inference_BTC.jsonl: buffer 0.002, the 7-tier dict, weights that drifted slightly each calibration and
        // hourly with the tape push. Each record's weights are read back from its long side (size / long total); its
        // short side, every level and the aggression split are then checked against what this engine projects.
        // Where the tape push had put weight on the disabled 10x tier, the old engine lost that share of the size
        // (SPEC §13 #22); this engine projects the whole size, so its contributions are the recorded ones / (1 − lost).
        var records = RecordedMoonstream.Records("liq_inference_BTC.jsonl.gz", "inference")
            .Where(r => r.GetProperty("inferences").GetArrayLength() == 12)
            .ToList();
        records.Count.Should().BeGreaterThan(2000);
        var compared = 0;
        var withLostMass = 0;
        foreach (var r in records)
        {
            var src = r.GetProperty("src_price").GetDouble();
            var buyPct = r.GetProperty("buy_pct").GetDouble();
            var oiDelta = r.GetProperty("oi_delta").GetDouble();
            var expected = r.GetProperty("inferences").EnumerateArray().ToList();
            var longSizes = expected.Take(6).Select(e => e.GetProperty("size_usd").GetDouble()).ToArray();
            var weights = new[] { 0.0 }.Concat(longSizes.Select(x => x / longSizes.Sum())).ToArray();
            var buyWeight = Math.Clamp(buyPct, 0.1, 0.9);
            var kept = longSizes.Sum() / (oiDelta * src * buyWeight);
            kept.Should().BeLessThan(1 + 1e-5);
            if (kept < 0.999)
            {
                withLostMass++;
            }

            var engine = new EntryInference(Btc, BtcGrid, OldSevenTier(weights));
            const double priorOi = 100_000;
            engine.OnMinute(FlatOhlc4(1, src, src, src, priorOi, 0.5));
            var result = engine.OnMinute(FlatOhlc4(2, src, 0, 0, priorOi + oiDelta, buyPct));

            result.Projected.Should().HaveCount(expected.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var e = expected[i];
                var p = result.Projected[i];
                p.Side.Should().Be(e.GetProperty("side").GetString() == "long" ? LiquidationSide.Long : LiquidationSide.Short);
                BtcGrid.PriceAsDouble(p.Tick).Should().Be(e.GetProperty("projected_liq").GetDouble());
                p.ContribUsd.Should().BeApproximately(e.GetProperty("size_usd").GetDouble() / kept, 0.02 + (2e-6 * p.ContribUsd), "minute {0} entry {1}", r.GetProperty("minute_key").GetInt64(), i);
                Math.Round(p.Confidence, 3).Should().Be(e.GetProperty("confidence").GetDouble());
                compared++;
            }
        }

        compared.Should().BeGreaterThan(24_000);
        withLostMass.Should().BeGreaterThan(1000, "the recorded run lost the 10x share in 1 609 of its 2 242 projecting minutes");
    }

    [Fact]
    public void The_threshold_and_close_factor_use_the_prior_open_interest()
    {
        // SPEC §13 #7: the old engine divided by the new OI. +0.05 on 1000 is exactly the 0.005 % threshold of the
        // prior OI (projects) but below that of the new OI 1000.05 (the old engine skipped it).
        var engine = new EntryInference(Btc, BtcGrid, LeverageLadders.ForBase("BTC"));
        engine.OnMinute(Minute(1, 100_000, 1000));
        var up = engine.OnMinute(Minute(2, 100_000, 1000.05));
        up.OiThresholdUsd.Should().BeApproximately(1000 * 100_000 * 0.00005, 1e-9);
        up.OiDeltaUsd.Should().BeApproximately(up.OiThresholdUsd, 1e-3);
        up.PriorOpenInterest.Should().Be(1000);

        engine.OnMinute(Minute(3, 100_000, 1100)).Projected.Should().NotBeEmpty();
        var before = engine.Buckets(LiquidationSide.Long).Values.Sum(b => b.SizeUsd) + engine.Buckets(LiquidationSide.Short).Values.Sum(b => b.SizeUsd);
        var down = engine.OnMinute(Minute(4, 100_000, 880));

        // 220 of the prior 1100 closed is 20 %; over the new 880 it would be the 25 % cap.
        down.CloseFactor.Should().BeApproximately(0.2, 1e-12);
        down.ClosedUsd.Should().BeApproximately(before * 0.995 * 0.2, before * 1e-9 + 1);
    }

    [Fact]
    public void An_oi_increase_below_the_threshold_projects_nothing()
    {
        var engine = new EntryInference(Btc, BtcGrid, LeverageLadders.ForBase("BTC"));
        engine.OnMinute(Minute(1, 100_000, 1000));
        var result = engine.OnMinute(Minute(2, 100_000, 1000.04));
        result.Projected.Should().BeEmpty();
        engine.TotalInferences.Should().Be(0);
    }

    [Fact]
    public void The_calibrators_buffer_reaches_the_projections()
    {
        // SPEC §13 #6: the old callback set the heatmap's buffer and left the inference at 0.002.
        var engine = new EntryInference(Btc, BtcGrid, OldSevenTier());
        engine.UpdateWeights(new Dictionary<int, double> { [20] = 1.0 }, 0.004);
        engine.Buffer.Should().Be(0.004);
        engine.OnMinute(Minute(1, 100_000, 1000));
        var result = engine.OnMinute(Minute(2, 100_000, 1010));
        var tiers = result.Projected.Select(p => p.Tier).Distinct().ToList();
        tiers.Should().Equal(20);
        var longTick = result.Projected.Single(p => p.Side == LiquidationSide.Long).Tick;
        longTick.Should().Be(BtcGrid.TickOf(100_000 * (1 - (0.05 + 0.004))));   // 94 600, not 94 800 at 0.002
        BtcGrid.PriceAsDouble(longTick).Should().Be(94_600);
    }

    [Fact]
    public void Weights_on_a_disabled_tier_are_renormalised_so_no_size_is_lost()
    {
        // SPEC §13 #22: the tape push could put mass on 10x, which the old projection silently dropped.
        var engine = new EntryInference(Btc, BtcGrid, OldSevenTier());
        engine.UpdateWeights([0.5, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05], 0.002);
        engine.OnMinute(Minute(1, 100_000, 1000));
        var result = engine.OnMinute(Minute(2, 100_000, 1010, buyUsd: 600, sellUsd: 400));

        result.Projected.Should().NotContain(p => p.Tier == 10);
        var size = 10 * 100_000.0;
        result.ProjectedUsd(LiquidationSide.Long).Should().BeApproximately(size * 0.6, 1e-6);
        result.ProjectedUsd(LiquidationSide.Short).Should().BeApproximately(size * 0.4, 1e-6);
        engine.ProjectionWeights.Sum(w => w.Weight).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Each_symbol_projects_over_its_own_ladder_and_tiny_tiers_fold_into_the_rest()
    {
        var sol = new EntryInference("SOLUSDT", new BucketGrid(0.1m), LeverageLadders.ForBase("SOL"));
        sol.OnMinute(Minute(1, 90, 1_000_000, symbol: "SOLUSDT"));
        var solResult = sol.OnMinute(Minute(2, 90, 1_010_000, symbol: "SOLUSDT"));
        solResult.Projected.Select(p => p.Tier).Distinct().Should().BeSubsetOf([5, 20, 25, 50, 75]);

        // BTC's 150–250x weigh under 1 %; their mass moves to the projected tiers instead of vanishing.
        var btc = new EntryInference(Btc, BtcGrid, LeverageLadders.ForBase("BTC"));
        btc.ProjectionWeights.Select(w => w.Tier).Should().Equal(5, 20, 25, 50, 75, 100, 125);
        btc.OnMinute(Minute(1, 100_000, 1000));
        var btcResult = btc.OnMinute(Minute(2, 100_000, 1010));
        (btcResult.ProjectedUsd(LiquidationSide.Long) + btcResult.ProjectedUsd(LiquidationSide.Short)).Should().BeApproximately(1_000_000, 1e-6);
    }

    [Fact]
    public void Buckets_decay_each_minute_and_go_under_one_hundred_dollars()
    {
        var engine = new EntryInference(Btc, BtcGrid, OldSevenTier(0, 1, 0, 0, 0, 0, 0));
        engine.OnMinute(Minute(1, 100_000, 100));
        engine.OnMinute(Minute(2, 100_000, 100.0201, buyUsd: 1, sellUsd: 0));   // $2 010 · 0.9 long, 0.1 short ($201)
        var shortBucket = engine.Buckets(LiquidationSide.Short).Values.Single();
        var longBucket = engine.Buckets(LiquidationSide.Long).Values.Single();
        var longBefore = longBucket.SizeUsd;
        shortBucket.SizeUsd.Should().BeApproximately(201, 1e-6);

        var m = 3;
        while (engine.Buckets(LiquidationSide.Short).Count > 0)
        {
            engine.OnMinute(Minute(m++, 100_000, 100.0201));
        }

        // 201 · 0.995^k < 100 first at k = 140.
        (m - 3).Should().Be(140);
        longBucket.SizeUsd.Should().BeApproximately(longBefore * Math.Pow(0.995, 140), 1e-6);
    }

    [Fact]
    public void A_crossed_bucket_is_cut_by_seventy_percent_each_minute_until_deleted()
    {
        var engine = new EntryInference(Btc, BtcGrid, OldSevenTier(0, 1, 0, 0, 0, 0, 0));
        engine.OnMinute(Minute(1, 100_000, 1000));
        engine.OnMinute(Minute(2, 100_000, 1001));   // $100 000 each side at 20x
        var level = BtcGrid.PriceAsDouble(engine.Buckets(LiquidationSide.Short).Keys.Single());
        level.Should().Be(105_200);

        var first = engine.OnMinute(Minute(3, 104_000, 1001, high: level, low: 103_000));
        var cut = first.Swept.Single();
        cut.Side.Should().Be(LiquidationSide.Short);
        cut.Deleted.Should().BeFalse();
        cut.RemovedUsd.Should().BeApproximately(cut.BeforeUsd * 0.7, 1e-6);
        engine.Buckets(LiquidationSide.Short).Values.Single().SizeUsd.Should().BeApproximately(cut.BeforeUsd * 0.3, 1e-6);
        engine.Buckets(LiquidationSide.Long).Should().HaveCount(1, "the long level 94 800 is far below the low");

        var deleted = false;
        for (var m = 4; m < 20 && !deleted; m++)
        {
            var r = engine.OnMinute(Minute(m, 104_000, 1001, high: level + 100, low: 103_000));
            deleted = r.Swept.Any(s => s.Deleted && s.RemovedUsd == s.BeforeUsd);
        }

        deleted.Should().BeTrue();
        engine.Buckets(LiquidationSide.Short).Should().BeEmpty();
    }

    [Theory]
    [InlineData(1000, 0, 0.9)]
    [InlineData(0, 1000, 0.1)]
    [InlineData(0, 0, 0.5)]
    [InlineData(700, 300, 0.7)]
    public void Aggression_is_clamped_so_both_sides_are_opened(double buy, double sell, double expectedBuyWeight)
    {
        var engine = new EntryInference(Btc, BtcGrid, OldSevenTier());
        engine.OnMinute(Minute(1, 100_000, 1000));
        var result = engine.OnMinute(Minute(2, 100_000, 1010, buyUsd: buy, sellUsd: sell));
        result.BuyWeight.Should().BeApproximately(expectedBuyWeight, 1e-12);
        result.Projected.Where(p => p.Side == LiquidationSide.Long).Should().OnlyContain(p => Math.Abs(p.Confidence - expectedBuyWeight) < 1e-12);
        result.Projected.Where(p => p.Side == LiquidationSide.Short).Should().OnlyContain(p => Math.Abs(p.Confidence - (1 - expectedBuyWeight)) < 1e-12);
    }

    [Fact]
    public void A_minute_without_open_interest_keeps_the_prior_and_projects_nothing()
    {
        var engine = new EntryInference(Btc, BtcGrid, OldSevenTier());
        engine.OnMinute(Minute(1, 100_000, 1000));
        engine.OnMinute(Minute(2, 100_000, null)).OiDelta.Should().Be(0);
        engine.LastOpenInterest.Should().Be(1000);
        engine.OnMinute(Minute(3, 100_000, 1010)).OiDelta.Should().BeApproximately(10, 1e-9);
    }

    [Fact]
    public void The_entry_estimate_finds_neighbouring_sol_ticks()
    {
        var grid = new BucketGrid(0.1m);
        var engine = new EntryInference("SOLUSDT", grid, new LeverageLadder([10, 20], [0, 1], [10]));
        engine.OnMinute(Minute(1, 90, 1_000_000, symbol: "SOLUSDT"));
        engine.OnMinute(Minute(2, 90, 1_001_000, symbol: "SOLUSDT"));
        var tick = engine.Buckets(LiquidationSide.Long).Keys.Single();
        engine.EntryEstimate(LiquidationSide.Long, tick + 2).Should().Be(90);
        engine.EntryEstimate(LiquidationSide.Long, tick - 1).Should().Be(90);
        engine.EntryEstimate(LiquidationSide.Long, tick + 3).Should().BeNull();
    }

    [Fact]
    public void Bad_input_is_a_typed_error()
    {
        var engine = new EntryInference(Btc, BtcGrid, OldSevenTier());
        engine.Invoking(e => e.OnMinute(Minute(1, 100, 1, symbol: "ETHUSDT"))).Should().Throw<ArgumentException>();
        engine.Invoking(e => e.OnMinute(Minute(1, 100, double.NaN))).Should().Throw<ArgumentOutOfRangeException>();
        engine.Invoking(e => e.OnMinute(Minute(1, 0, 1))).Should().Throw<ArgumentOutOfRangeException>();
        engine.Invoking(e => e.UpdateWeights([1, 1, 1, 1, 1, 1, 1], 0.2)).Should().Throw<ArgumentOutOfRangeException>();
        engine.Invoking(e => e.UpdateWeights(new Dictionary<int, double> { [33] = 1 }, 0.002)).Should().Throw<ArgumentException>();
        engine.Buffer.Should().Be(0.002, "a rejected update changes nothing");
    }
}
