using System.Globalization;
using ActorBot.Domain.Liquidations.Inference;

namespace ActorBot.Domain.Liquidations.Heatmap;

/// <summary>What one V2 snapshot is built from: the tape's maps and counters, the symbol's inference, the zones' counters.</summary>
public sealed record HeatmapV2Input(
    double TimestampSeconds,
    double Src,
    SourceMaps Tape,
    EntryInference Inference,
    TapeWireStats TapeStats,
    long TotalForceOrders,
    ZoneManagerWireStats ZoneStats);

/// <summary>
/// The V2 liquidation heatmap of one symbol (moonstream SPEC §5, §10.2 step 4): combines the tape (what was liquidated,
/// still decaying) and the inference's projections (what would be) into the normalised heatmap and the clustered pools,
/// and builds the <c>/liq_heatmap_v2</c> snapshot. Pure: the caller hands in the inputs and the time.
/// </summary>
public sealed class LiquidationHeatmapV2
{
    public const string ClusterRule = "max_gap_valley_split";

    private readonly HeatmapV2Options _options;

    public LiquidationHeatmapV2(string symbol, BucketGrid grid, HeatmapV2Options? options = null)
    {
        _options = options ?? HeatmapV2Options.ForBase(LeverageLadders.BaseOf(symbol));
        _options.Validate();
        Symbol = symbol;
        Grid = grid;
    }

    public string Symbol { get; }

    public BucketGrid Grid { get; }

    public HeatmapV2Options Options => _options;

    /// <summary>The raw combined heatmap (no display boost): the calibrator's prediction input.</summary>
    public CombinedHeatmap Raw(SourceMaps tape, SourceMaps projection)
        => CombinedHeatmap.Compute(tape, projection, _options.TapeWeight, _options.ProjectionWeight, 1.0);

    /// <summary>The display heatmap: the raw one with the boost where both sources meet.</summary>
    public CombinedHeatmap Display(SourceMaps tape, SourceMaps projection)
        => CombinedHeatmap.Compute(tape, projection, _options.TapeWeight, _options.ProjectionWeight, _options.DisplayBoost);

    /// <summary>The pools of both sides around <paramref name="center"/>, as the wire shows them, with the raw bucket counts.</summary>
    public (IReadOnlyList<HeatmapV2Level> Long, IReadOnlyList<HeatmapV2Level> Short, int RawLong, int RawShort) Pools(
        double center, SourceMaps tape, SourceMaps projection, CombinedHeatmap display)
    {
        var lo = center * (1 - _options.RangePct);
        var hi = center * (1 + _options.RangePct);
        var longSide = WeightedInRange(tape.Long, projection.Long, lo, center);
        var shortSide = WeightedInRange(tape.Short, projection.Short, center, hi);
        var longPools = Kept(LiquidationSide.Long, longSide);
        var shortPools = Kept(LiquidationSide.Short, shortSide);
        var max = longPools.Concat(shortPools).Select(p => p.NotionalUsd).DefaultIfEmpty(0).Max();
        return (ToWire(longPools, max, display), ToWire(shortPools, max, display), longSide.Count, shortSide.Count);
    }

    public HeatmapV2Snapshot Snapshot(HeatmapV2Input input)
    {
        if (!double.IsFinite(input.Src) || input.Src <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"{Symbol}: no price for the V2 snapshot (src {input.Src}).");
        }

        var inference = input.Inference;
        var projection = new SourceMaps(inference.ProjectionUsd(LiquidationSide.Long), inference.ProjectionUsd(LiquidationSide.Short));
        var display = Display(input.Tape, projection);
        var (longLevels, shortLevels, rawLong, rawShort) = Pools(input.Src, input.Tape, projection, display);

        var src = input.Src;
        var tickMin = Grid.TickOf(src * (1 - _options.RangePct));
        var tickMax = Grid.TickOf(src * (1 + _options.RangePct));
        var n = (int)(tickMax - tickMin + 1);
        var prices = new double[n];
        var longArrays = new SideArrays(n);
        var shortArrays = new SideArrays(n);
        for (var i = 0; i < n; i++)
        {
            var tick = tickMin + i;
            var price = Grid.PriceAsDouble(tick);
            prices[i] = price;
            longArrays.Fill(i, price, Cell(LiquidationSide.Long, tick, input.Tape, projection, display));
            shortArrays.Fill(i, price, Cell(LiquidationSide.Short, tick, input.Tape, projection, display));
        }

        var minute = (inference.CurrentMinuteMs ?? 0) / 60_000;
        var weights = inference.Ladder.Tiers.ToDictionary(
            t => t.ToString(CultureInfo.InvariantCulture),
            t => inference.ProjectionWeights.Where(p => p.Tier == t).Select(p => p.Weight).DefaultIfEmpty(0).First());
        return new HeatmapV2Snapshot
        {
            Symbol = Symbol,
            Ts = input.TimestampSeconds,
            Price = src,
            RangePct = _options.RangePct,
            LongLevels = longLevels,
            ShortLevels = shortLevels,
            Meta = new HeatmapV2Meta
            {
                TapeWeight = _options.TapeWeight,
                ProjectionWeight = _options.ProjectionWeight,
                ForceOrdersTotal = input.TotalForceOrders,
                InferencesTotal = inference.TotalInferences,
                ClusterRadiusPct = _options.LegacyClusterRadiusPct,
                MinNotionalUsd = _options.MinPoolNotionalUsd,
                LongPoolsCount = longLevels.Count,
                ShortPoolsCount = shortLevels.Count,
                RawLongBuckets = rawLong,
                RawShortBuckets = rawShort,
                ClusterRule = ClusterRule,
                ClusterMaxGapBuckets = _options.ClusterMaxGapBuckets,
                ClusterValleyRatio = _options.ClusterValleyRatio,
            },
            Stats = new HeatmapV2Stats
            {
                Symbol = Symbol,
                CurrentMinute = minute,
                CurrentPrice = src,
                TotalForceOrders = input.TotalForceOrders,
                TotalInferences = inference.TotalInferences,
                Tape = input.TapeStats,
                Inference = new InferenceWireStats
                {
                    Symbol = Symbol,
                    CurrentMinute = minute,
                    CurrentPrice = inference.CurrentPrice,
                    TotalInferredLongUsd = inference.TotalInferredLongUsd,
                    TotalInferredShortUsd = inference.TotalInferredShortUsd,
                    ProjectedLongBuckets = projection.Long.Count,
                    ProjectedShortBuckets = projection.Short.Count,
                    InferencesInWindow = inference.InferencesInWindow,
                    LeverageWeights = weights,
                },
                Config = new HeatmapWireConfig
                {
                    Steps = (double)Grid.Step,
                    Decay = _options.Decay,
                    Buffer = inference.Buffer,
                    TapeWeight = _options.TapeWeight,
                    ProjectionWeight = _options.ProjectionWeight,
                },
                ZoneManager = input.ZoneStats,
            },
            Src = src,
            Step = (double)Grid.Step,
            PriceMin = prices[0],
            PriceMax = prices[^1],
            Prices = prices,
            LongIntensity = longArrays.Intensity,
            ShortIntensity = shortArrays.Intensity,
            LongNotionalUsd = longArrays.LegacyNotional,
            ShortNotionalUsd = shortArrays.LegacyNotional,
            LongSizeBtc = longArrays.LegacySize,
            ShortSizeBtc = shortArrays.LegacySize,
            LongTapeUsd = longArrays.TapeUsd,
            ShortTapeUsd = shortArrays.TapeUsd,
            LongProjectedUsd = longArrays.ProjectedUsd,
            ShortProjectedUsd = shortArrays.ProjectedUsd,
            LongSizeBase = longArrays.SizeBase,
            ShortSizeBase = shortArrays.SizeBase,
        };
    }

    private (double Intensity, double TapeUsd, double ProjectedUsd) Cell(
        LiquidationSide side, long tick, SourceMaps tape, SourceMaps projection, CombinedHeatmap display)
    {
        var t = tape.Of(side).TryGetValue(tick, out var tv) ? tv : 0.0;
        var p = projection.Of(side).TryGetValue(tick, out var pv) ? pv : 0.0;
        var intensity = display.Intensity(side, tick);
        if (t + p >= _options.VisibilityFloorUsd && intensity < _options.VisibilityFloor)
        {
            intensity = _options.VisibilityFloor;
        }

        return (intensity, t, p);
    }

    private Dictionary<long, double> WeightedInRange(
        IReadOnlyDictionary<long, double> tape, IReadOnlyDictionary<long, double> projection, double lo, double hi)
    {
        var result = new Dictionary<long, double>();
        foreach (var tick in tape.Keys.Union(projection.Keys))
        {
            var price = Grid.PriceAsDouble(tick);
            if (price < lo || price > hi)
            {
                continue;
            }

            var t = tape.TryGetValue(tick, out var tv) ? tv : 0.0;
            var p = projection.TryGetValue(tick, out var pv) ? pv : 0.0;
            result[tick] = (t * _options.TapeWeight) + (p * _options.ProjectionWeight);
        }

        return result;
    }

    private List<PoolCluster> Kept(LiquidationSide side, Dictionary<long, double> weighted)
        => PoolClustering.Cluster(side, weighted, _options.MinClusterBucketUsd, _options.ClusterMaxGapBuckets, _options.ClusterValleyRatio)
            .Where(p => p.NotionalUsd >= _options.MinPoolNotionalUsd)
            .OrderByDescending(p => p.NotionalUsd)
            .Take(_options.MaxPoolsPerSide)
            .ToList();

    private List<HeatmapV2Level> ToWire(List<PoolCluster> pools, double max, CombinedHeatmap display)
    {
        var step = (double)Grid.Step;
        return pools.Select(p =>
        {
            var intensity = max > 0 ? Math.Sqrt(p.NotionalUsd / max) : 0.0;
            if (BothSourcesWithin(p, display))
            {
                intensity = Math.Min(intensity * _options.DisplayBoost, 1.0);
            }

            return new HeatmapV2Level
            {
                Price = Math.Round(p.CentroidTick * step, 2),
                PriceLow = Grid.PriceAsDouble(p.LowTick),
                PriceHigh = Grid.PriceAsDouble(p.HighTick),
                NotionalUsd = Math.Round(p.NotionalUsd, 2),
                Intensity = Math.Round(intensity, 4),
                BucketCount = p.BucketCount,
            };
        }).ToList();
    }

    /// <summary>Whether the tape and the projection each have a bucket (p99-normalised above ε) inside the pool.</summary>
    private static bool BothSourcesWithin(PoolCluster pool, CombinedHeatmap display)
    {
        bool Any(IReadOnlyDictionary<long, double> map, double scale)
            => map.Any(kv => kv.Key >= pool.LowTick && kv.Key <= pool.HighTick && kv.Value / scale > CombinedHeatmap.SourceEpsilon);

        return Any(display.Tape.Of(pool.Side), display.TapeScale) && Any(display.Projection.Of(pool.Side), display.ProjectionScale);
    }

    private sealed class SideArrays(int n)
    {
        public double[] Intensity { get; } = new double[n];

        public double[] LegacyNotional { get; } = new double[n];

        public double[] LegacySize { get; } = new double[n];

        public double[] TapeUsd { get; } = new double[n];

        public double[] ProjectedUsd { get; } = new double[n];

        public double[] SizeBase { get; } = new double[n];

        public void Fill(int i, double price, (double Intensity, double TapeUsd, double ProjectedUsd) cell)
        {
            Intensity[i] = cell.Intensity;
            LegacyNotional[i] = Math.Round(cell.Intensity, 2);
            LegacySize[i] = Math.Round(cell.Intensity / price, 6);
            TapeUsd[i] = Math.Round(cell.TapeUsd, 2);
            ProjectedUsd[i] = Math.Round(cell.ProjectedUsd, 2);
            SizeBase[i] = Math.Round((cell.TapeUsd + cell.ProjectedUsd) / price, 8);
        }
    }
}
