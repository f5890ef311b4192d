namespace ActorBot.Domain.Liquidations.Heatmap;

/// <summary>The V2 heatmap's configuration (SPEC §5.1, §10.2 step 4), runtime values as defaults.</summary>
public sealed record HeatmapV2Options
{
    public double TapeWeight { get; init; } = 0.35;

    public double ProjectionWeight { get; init; } = 0.65;

    /// <summary>The display multiplier where tape and projection coincide (capped at 1).</summary>
    public double DisplayBoost { get; init; } = 1.5;

    /// <summary>The grid and the pools cover src·(1 ± this).</summary>
    public double RangePct { get; init; } = 0.10;

    /// <summary>Pools below this weighted USD are not shown (the viewer passed 1000).</summary>
    public double MinPoolNotionalUsd { get; init; } = 1000;

    /// <summary>Buckets below this weighted USD are not clustered.</summary>
    public double MinClusterBucketUsd { get; init; } = 100;

    public int MaxPoolsPerSide { get; init; } = 20;

    /// <summary>See <see cref="PoolClustering"/>: most empty buckets inside one pool.</summary>
    public int ClusterMaxGapBuckets { get; init; } = 2;

    /// <summary>See <see cref="PoolClustering"/>: a valley at most this share of its lower peak splits a pool.</summary>
    public double ClusterValleyRatio { get; init; } = 0.5;

    /// <summary>Echoed in <c>meta.cluster_radius_pct</c> for the front end; no longer used to cluster.</summary>
    public double LegacyClusterRadiusPct { get; init; } = 0.005;

    /// <summary>
    /// A grid bucket with at least this raw USD (tape + projection) is drawn at least at <see cref="VisibilityFloor"/>
    /// (SPEC §10.2: BTC 25,000, ETH 10,000, SOL 5,000; <see cref="ForBase"/> picks it).
    /// </summary>
    public double VisibilityFloorUsd { get; init; } = 25_000;

    public double VisibilityFloor { get; init; } = 25.0 / 255.0;

    /// <summary>The per-minute decay echoed in <c>stats.config.decay</c>.</summary>
    public double Decay { get; init; } = 0.995;

    public static HeatmapV2Options ForBase(string baseAsset) => baseAsset.ToUpperInvariant() switch
    {
        "ETH" => new HeatmapV2Options { VisibilityFloorUsd = 10_000 },
        "SOL" => new HeatmapV2Options { VisibilityFloorUsd = 5_000 },
        _ => new HeatmapV2Options(),
    };

    public void Validate()
    {
        if (!(TapeWeight >= 0) || !(ProjectionWeight >= 0) || !(TapeWeight + ProjectionWeight > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(TapeWeight), $"Weights {TapeWeight}/{ProjectionWeight} must be ≥ 0 and not both 0.");
        }

        if (!(RangePct > 0 && RangePct < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RangePct), $"RangePct {RangePct} must be in (0, 1).");
        }

        if (MaxPoolsPerSide <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPoolsPerSide), $"MaxPoolsPerSide {MaxPoolsPerSide} must be positive.");
        }

        if (!(DisplayBoost >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DisplayBoost), $"DisplayBoost {DisplayBoost} must be ≥ 1.");
        }
    }
}
