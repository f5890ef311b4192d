using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Heatmap;
using ActorBot.Domain.Liquidations.Inference;

namespace ActorBot.Domain.Tests.Liquidations;

public sealed class HeatmapV2Tests
{
    private static readonly BucketGrid BtcGrid = new(20m);

    private static Dictionary<long, double> Map(params (long Tick, double Usd)[] entries) => entries.ToDictionary(e => e.Tick, e => e.Usd);

    [Fact]
    public void The_p99_scale_ignores_one_outlier_and_falls_back_to_the_max_under_ten_values()
    {
        P99Scale.Of([1, 2, 3]).Should().Be(3);
        P99Scale.Of([]).Should().Be(P99Scale.Floor);
        var many = Enumerable.Range(1, 200).Select(i => (double)i).Append(1e9).ToArray();
        P99Scale.Of(many).Should().Be(199);   // sorted[int(0.99 · 201)] = sorted[198]
    }

    [Fact]
    public void Sources_are_normalised_apart_mixed_and_boosted_only_where_both_meet()
    {
        var tape = new SourceMaps(Map((100, 10_000), (101, 5_000)), Map());
        var projection = new SourceMaps(Map((100, 2_000_000), (105, 1_000_000)), Map((110, 500_000)));
        var raw = CombinedHeatmap.Compute(tape, projection, 0.35, 0.65, 1.0);
        raw.TapeScale.Should().Be(10_000);
        raw.ProjectionScale.Should().Be(2_000_000);
        raw.Long[100].Should().BeApproximately(0.35 + 0.65, 1e-12);
        raw.Long[101].Should().BeApproximately(0.35 * 0.5, 1e-12);
        raw.Long[105].Should().BeApproximately(0.65 * 0.5, 1e-12);
        raw.Short[110].Should().BeApproximately(0.65 * 0.25, 1e-12);
        raw.BoostedBuckets.Should().Be(0);

        var display = CombinedHeatmap.Compute(tape, projection, 0.35, 0.65, 1.5);
        display.BoostedBuckets.Should().Be(1);
        display.Long[100].Should().Be(1.0, "1.0 · 1.5 is capped at 1");
        display.Long[101].Should().Be(raw.Long[101], "only the tape is at 101");
        display.Intensity(LiquidationSide.Short, 110).Should().BeApproximately(0.65 * 0.25, 1e-12);
        display.Intensity(LiquidationSide.Short, 999).Should().Be(0);
    }

    [Fact]
    public void Two_humps_joined_by_a_thin_bridge_are_two_pools()
    {
        // Contiguous ticks: the old 0.5 % chaining made this one pool; the valley (5 % of the lower peak) splits it.
        var side = new Dictionary<long, double>();
        double[] profile = [200, 800, 3000, 800, 150, 120, 400, 900, 2000, 700];
        for (var i = 0; i < profile.Length; i++)
        {
            side[1000 + i] = profile[i];
        }

        var pools = PoolClustering.Cluster(LiquidationSide.Long, side, 100, 2, 0.5);
        pools.Should().HaveCount(2);
        pools[0].LowTick.Should().Be(1000);
        pools[0].HighTick.Should().Be(1004);
        pools[1].LowTick.Should().Be(1005, "the valley bucket joins the side whose neighbour is larger (400 > 150)");
        pools.Sum(p => p.BucketCount).Should().Be(10);
        pools.Sum(p => p.NotionalUsd).Should().BeApproximately(profile.Sum(), 1e-9);

        // A single hump with a shallow dip stays one pool; a gap of more than two empty buckets always splits.
        PoolClustering.Cluster(LiquidationSide.Long, Map((1, 1000), (2, 900), (3, 1000)), 100, 2, 0.5).Should().HaveCount(1);
        PoolClustering.Cluster(LiquidationSide.Long, Map((1, 1000), (4, 1000)), 100, 2, 0.5).Should().HaveCount(1);
        PoolClustering.Cluster(LiquidationSide.Long, Map((1, 1000), (5, 1000)), 100, 2, 0.5).Should().HaveCount(2);
        PoolClustering.Cluster(LiquidationSide.Long, Map((1, 1000), (2, 50), (3, 1000)), 100, 0, 0.5).Should().HaveCount(2, "buckets under $100 are dropped first");
    }

    [Fact]
    public void The_recorded_btc_run_yields_several_pools_per_side_where_the_old_chaining_gave_one()
    {
        // SPEC §13 #10: the recorded snapshots show 1 long and 1 short pool (162 and 109 buckets).
        var (engine, src, minutes) = RecordedReplay.SharedBtcRun;
        minutes.Should().BeGreaterThan(4000);
        var heatmap = new LiquidationHeatmapV2("BTCUSDT", BtcGrid);
        var snapshot = heatmap.Snapshot(Input(engine, src));

        snapshot.LongLevels.Count.Should().BeGreaterThan(1);
        snapshot.ShortLevels.Count.Should().BeGreaterThan(1);
        snapshot.Meta.LongPoolsCount.Should().Be(snapshot.LongLevels.Count);
        foreach (var levels in new[] { snapshot.LongLevels, snapshot.ShortLevels })
        {
            levels.Select(l => l.NotionalUsd).Should().BeInDescendingOrder();
            levels.Should().OnlyContain(l => l.PriceLow <= l.Price && l.Price <= l.PriceHigh && l.NotionalUsd >= 1000);
            levels.Max(l => l.Intensity).Should().BeLessThanOrEqualTo(1.0);

            // Pools are disjoint price ranges.
            var ordered = levels.OrderBy(l => l.PriceLow).ToList();
            ordered.Zip(ordered.Skip(1)).Should().OnlyContain(p => p.First.PriceHigh < p.Second.PriceLow);
        }

        snapshot.LongLevels.Should().OnlyContain(l => l.PriceHigh <= src);
        snapshot.ShortLevels.Should().OnlyContain(l => l.PriceLow >= src);

        // The same buckets chained the old way (next bucket within 0.5 % of price of the last) give one pool per side.
        var projection = engine.ProjectionUsd(LiquidationSide.Long)
            .Where(kv => BtcGrid.PriceAsDouble(kv.Key) >= src * 0.9 && BtcGrid.PriceAsDouble(kv.Key) <= src)
            .ToDictionary(kv => kv.Key, kv => kv.Value * 0.65);
        LegacyChainCount(projection, src).Should().Be(1);
    }

    [Fact]
    public void The_notional_usd_arrays_keep_the_old_intensities_and_the_new_arrays_hold_usd()
    {
        // SPEC §13 #11: *_notional_usd held intensities. They stay so for the front end; USD is in the new fields.
        var (engine, src, _) = RecordedReplay.SharedBtcRun;
        var tapeLong = new Dictionary<long, double> { [BtcGrid.TickOf(src * 0.97)] = 50_000 };
        var heatmap = new LiquidationHeatmapV2("BTCUSDT", BtcGrid);
        var snapshot = heatmap.Snapshot(Input(engine, src, new SourceMaps(tapeLong, new Dictionary<long, double>())));
        var projected = engine.ProjectionUsd(LiquidationSide.Long);

        for (var i = 0; i < snapshot.Prices.Count; i++)
        {
            var tick = BtcGrid.TickOf(snapshot.Prices[i]);
            snapshot.LongNotionalUsd[i].Should().Be(Math.Round(snapshot.LongIntensity[i], 2));
            snapshot.LongSizeBtc[i].Should().Be(Math.Round(snapshot.LongIntensity[i] / snapshot.Prices[i], 6));
            snapshot.LongProjectedUsd[i].Should().Be(Math.Round(projected.GetValueOrDefault(tick), 2));
            snapshot.LongSizeBase[i].Should().BeApproximately(
                (projected.GetValueOrDefault(tick) + tapeLong.GetValueOrDefault(tick)) / snapshot.Prices[i], 1e-8);
            snapshot.LongIntensity[i].Should().BeInRange(0, 1);
        }

        snapshot.LongProjectedUsd.Max().Should().BeGreaterThan(10_000, "real USD, not a 0..1 intensity");
        snapshot.LongTapeUsd.Sum().Should().Be(50_000);
        snapshot.Stats.Inference.ProjectedLongBuckets.Should().Be(projected.Count);
    }

    [Fact]
    public void Buckets_with_enough_usd_are_never_drawn_below_the_visibility_floor()
    {
        var grid = new BucketGrid(1m);
        var engine = new EntryInference("ETHUSDT", grid, LeverageLadders.ForBase("ETH"));
        engine.OnMinute(new MinuteClosed("ETHUSDT", 60_000, 2000, 2000, 2000, 2000, 1, 1, 1, 1000));
        var heatmap = new LiquidationHeatmapV2("ETHUSDT", grid);
        heatmap.Options.VisibilityFloorUsd.Should().Be(10_000);

        // One huge tape bucket sets the max; a $12 000 one would be drawn at ~0.001.
        var tape = new SourceMaps(new Dictionary<long, double> { [1950] = 10_000_000, [1960] = 12_000, [1970] = 5_000 }, new Dictionary<long, double>());
        var snapshot = heatmap.Snapshot(Input(engine, 2000, tape));
        var at = (double p) => snapshot.LongIntensity[snapshot.Prices.ToList().IndexOf(p)];
        at(1950).Should().Be(1.0);
        at(1960).Should().Be(25.0 / 255.0);
        at(1970).Should().BeLessThan(25.0 / 255.0);
    }

    [Fact]
    public void The_snapshot_reports_the_buffer_and_weights_the_projections_use()
    {
        var engine = new EntryInference("BTCUSDT", BtcGrid, LeverageLadders.ForBase("BTC"));
        engine.UpdateWeights(new Dictionary<int, double> { [10] = 0.5, [20] = 0.3, [50] = 0.2 }, 0.0031);
        engine.OnMinute(new MinuteClosed("BTCUSDT", 60_000, 70_000, 70_000, 70_000, 70_000, 1, 1, 1, 1000));
        var snapshot = new LiquidationHeatmapV2("BTCUSDT", BtcGrid).Snapshot(Input(engine, 70_000));
        snapshot.Stats.Config.Buffer.Should().Be(0.0031);
        snapshot.Stats.Inference.LeverageWeights["10"].Should().Be(0);
        snapshot.Stats.Inference.LeverageWeights["20"].Should().BeApproximately(0.6, 1e-12);
        snapshot.Stats.Inference.LeverageWeights.Values.Sum().Should().BeApproximately(1, 1e-12);
        snapshot.Stats.CurrentMinute.Should().Be(1, "the completed minute 00:01, not the next");
    }

    internal static HeatmapV2Input Input(EntryInference engine, double src, SourceMaps? tape = null) => new(
        1_772_614_920.0158107,
        src,
        tape ?? SourceMaps.Empty,
        engine,
        TapeWireStats.Empty(engine.Symbol),
        0,
        ZoneManagerWireStats.Empty);

    /// <summary>The old §5.2 rule, for contrast: the next bucket joins while within center · 0.5 % of the last one.</summary>
    private int LegacyChainCount(Dictionary<long, double> side, double center)
    {
        var prices = side.Where(kv => kv.Value >= 100).Select(kv => BtcGrid.PriceAsDouble(kv.Key)).Order().ToList();
        var count = prices.Count > 0 ? 1 : 0;
        for (var i = 1; i < prices.Count; i++)
        {
            if (prices[i] - prices[i - 1] > center * 0.005)
            {
                count++;
            }
        }

        return count;
    }
}
