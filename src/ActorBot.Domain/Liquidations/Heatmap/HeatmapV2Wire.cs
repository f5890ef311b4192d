using System.Text.Json.Serialization;

namespace ActorBot.Domain.Liquidations.Heatmap;

// The /liq_heatmap_v2 body (SPEC §11.3), field for field and in the recorded order, so the existing front end parses
// it unchanged. Old fields keep their old meaning, oddities included (SPEC §15.1); corrected values are new fields
// appended after them, documented where they are declared.

/// <summary>The whole <c>/liq_heatmap_v2</c> snapshot of one symbol.</summary>
public sealed class HeatmapV2Snapshot
{
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }

    /// <summary>Snapshot time, float Unix seconds.</summary>
    [JsonPropertyName("ts")] public required double Ts { get; init; }

    /// <summary>The centre of the pools' range (= src).</summary>
    [JsonPropertyName("price")] public required double Price { get; init; }

    [JsonPropertyName("range_pct")] public required double RangePct { get; init; }

    [JsonPropertyName("long_levels")] public required IReadOnlyList<HeatmapV2Level> LongLevels { get; init; }

    [JsonPropertyName("short_levels")] public required IReadOnlyList<HeatmapV2Level> ShortLevels { get; init; }

    [JsonPropertyName("meta")] public required HeatmapV2Meta Meta { get; init; }

    [JsonPropertyName("stats")] public required HeatmapV2Stats Stats { get; init; }

    [JsonPropertyName("src")] public required double Src { get; init; }

    [JsonPropertyName("step")] public required double Step { get; init; }

    [JsonPropertyName("price_min")] public required double PriceMin { get; init; }

    [JsonPropertyName("price_max")] public required double PriceMax { get; init; }

    /// <summary>The grid, ±range of src, built by index.</summary>
    [JsonPropertyName("prices")] public required IReadOnlyList<double> Prices { get; init; }

    /// <summary>Display intensity 0..1 per grid price, visibility floor applied.</summary>
    [JsonPropertyName("long_intensity")] public required IReadOnlyList<double> LongIntensity { get; init; }

    [JsonPropertyName("short_intensity")] public required IReadOnlyList<double> ShortIntensity { get; init; }

    /// <summary>Kept as the old system wrote it: the intensity rounded to 2 dp, NOT USD (SPEC §13 #11). See <see cref="LongTapeUsd"/>.</summary>
    [JsonPropertyName("long_notional_usd")] public required IReadOnlyList<double> LongNotionalUsd { get; init; }

    [JsonPropertyName("short_notional_usd")] public required IReadOnlyList<double> ShortNotionalUsd { get; init; }

    /// <summary>Kept as the old system wrote it: intensity / price, 6 dp, NOT a size (SPEC §13 #11). See <see cref="LongSizeBase"/>.</summary>
    [JsonPropertyName("long_size_btc")] public required IReadOnlyList<double> LongSizeBtc { get; init; }

    [JsonPropertyName("short_size_btc")] public required IReadOnlyList<double> ShortSizeBtc { get; init; }

    /// <summary>New: liquidated USD still on the tape (decayed) per grid price, 2 dp.</summary>
    [JsonPropertyName("long_tape_usd")] public required IReadOnlyList<double> LongTapeUsd { get; init; }

    [JsonPropertyName("short_tape_usd")] public required IReadOnlyList<double> ShortTapeUsd { get; init; }

    /// <summary>New: projected (inferred) liquidation USD per grid price, 2 dp.</summary>
    [JsonPropertyName("long_projected_usd")] public required IReadOnlyList<double> LongProjectedUsd { get; init; }

    [JsonPropertyName("short_projected_usd")] public required IReadOnlyList<double> ShortProjectedUsd { get; init; }

    /// <summary>New: (tape + projected USD) / price, in the symbol's base asset (BTC, ETH, SOL…), 8 dp.</summary>
    [JsonPropertyName("long_size_base")] public required IReadOnlyList<double> LongSizeBase { get; init; }

    [JsonPropertyName("short_size_base")] public required IReadOnlyList<double> ShortSizeBase { get; init; }
}

/// <summary>One liquidation pool of <c>long_levels</c>/<c>short_levels</c>.</summary>
public sealed class HeatmapV2Level
{
    /// <summary>The notional-weighted centroid, 2 dp.</summary>
    [JsonPropertyName("price")] public required double Price { get; init; }

    [JsonPropertyName("price_low")] public required double PriceLow { get; init; }

    [JsonPropertyName("price_high")] public required double PriceHigh { get; init; }

    /// <summary>0.35 · tape USD + 0.65 · projected USD over the pool's buckets, 2 dp (as the old system).</summary>
    [JsonPropertyName("notional_usd")] public required double NotionalUsd { get; init; }

    /// <summary>sqrt(notional / the largest pool of both sides), 4 dp, × the display boost (≤ 1) when both sources are in it.</summary>
    [JsonPropertyName("intensity")] public required double Intensity { get; init; }

    [JsonPropertyName("bucket_count")] public required int BucketCount { get; init; }
}

public sealed class HeatmapV2Meta
{
    [JsonPropertyName("tape_weight")] public required double TapeWeight { get; init; }

    [JsonPropertyName("projection_weight")] public required double ProjectionWeight { get; init; }

    [JsonPropertyName("force_orders_total")] public required long ForceOrdersTotal { get; init; }

    [JsonPropertyName("inferences_total")] public required long InferencesTotal { get; init; }

    /// <summary>Kept for the front end: the old chaining radius. Pools are no longer built with it (see <see cref="ClusterRule"/>).</summary>
    [JsonPropertyName("cluster_radius_pct")] public required double ClusterRadiusPct { get; init; }

    [JsonPropertyName("min_notional_usd")] public required double MinNotionalUsd { get; init; }

    [JsonPropertyName("long_pools_count")] public required int LongPoolsCount { get; init; }

    [JsonPropertyName("short_pools_count")] public required int ShortPoolsCount { get; init; }

    /// <summary>Buckets of the side in the pools' range, before clustering.</summary>
    [JsonPropertyName("raw_long_buckets")] public required int RawLongBuckets { get; init; }

    [JsonPropertyName("raw_short_buckets")] public required int RawShortBuckets { get; init; }

    /// <summary>New: the clustering rule, <c>"max_gap_valley_split"</c> (see <see cref="PoolClustering"/>).</summary>
    [JsonPropertyName("cluster_rule")] public required string ClusterRule { get; init; }

    /// <summary>New: most empty buckets inside one pool.</summary>
    [JsonPropertyName("cluster_max_gap_buckets")] public required int ClusterMaxGapBuckets { get; init; }

    /// <summary>New: a valley at most this share of its lower neighbouring peak splits a pool.</summary>
    [JsonPropertyName("cluster_valley_ratio")] public required double ClusterValleyRatio { get; init; }
}

/// <summary>The <c>stats</c> object (also the body of <c>/liq_stats</c>, SPEC §11.3).</summary>
public sealed class HeatmapV2Stats
{
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }

    /// <summary>The completed minute (Unix minutes), not the next one as the old key was (SPEC §13 #18).</summary>
    [JsonPropertyName("current_minute")] public required long CurrentMinute { get; init; }

    [JsonPropertyName("current_price")] public required double CurrentPrice { get; init; }

    [JsonPropertyName("total_force_orders")] public required long TotalForceOrders { get; init; }

    [JsonPropertyName("total_inferences")] public required long TotalInferences { get; init; }

    [JsonPropertyName("tape")] public required TapeWireStats Tape { get; init; }

    [JsonPropertyName("inference")] public required InferenceWireStats Inference { get; init; }

    [JsonPropertyName("config")] public required HeatmapWireConfig Config { get; init; }

    [JsonPropertyName("zone_manager")] public required ZoneManagerWireStats ZoneManager { get; init; }
}

/// <summary>The tape's statistics as the wire shows them; the tape engine's owner fills it.</summary>
public sealed class TapeWireStats
{
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }

    [JsonPropertyName("total_events")] public required long TotalEvents { get; init; }

    [JsonPropertyName("total_long_notional")] public required double TotalLongNotional { get; init; }

    [JsonPropertyName("total_short_notional")] public required double TotalShortNotional { get; init; }

    [JsonPropertyName("long_buckets")] public required int LongBuckets { get; init; }

    [JsonPropertyName("short_buckets")] public required int ShortBuckets { get; init; }

    [JsonPropertyName("events_in_window")] public required int EventsInWindow { get; init; }

    /// <summary>Tier (as a string key, as Python's JSON wrote int keys) → offset samples held.</summary>
    [JsonPropertyName("offset_samples_by_lev")] public required IReadOnlyDictionary<string, int> OffsetSamplesByLev { get; init; }

    public static TapeWireStats Empty(string symbol) => new()
    {
        Symbol = symbol,
        TotalEvents = 0,
        TotalLongNotional = 0,
        TotalShortNotional = 0,
        LongBuckets = 0,
        ShortBuckets = 0,
        EventsInWindow = 0,
        OffsetSamplesByLev = new Dictionary<string, int>(),
    };
}

public sealed class InferenceWireStats
{
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }

    [JsonPropertyName("current_minute")] public required long CurrentMinute { get; init; }

    [JsonPropertyName("current_price")] public required double CurrentPrice { get; init; }

    [JsonPropertyName("total_inferred_long_usd")] public required double TotalInferredLongUsd { get; init; }

    [JsonPropertyName("total_inferred_short_usd")] public required double TotalInferredShortUsd { get; init; }

    [JsonPropertyName("projected_long_buckets")] public required int ProjectedLongBuckets { get; init; }

    [JsonPropertyName("projected_short_buckets")] public required int ProjectedShortBuckets { get; init; }

    [JsonPropertyName("inferences_in_window")] public required int InferencesInWindow { get; init; }

    /// <summary>Every tier of the symbol's ladder (disabled tiers 0), normalised over the enabled ones.</summary>
    [JsonPropertyName("leverage_weights")] public required IReadOnlyDictionary<string, double> LeverageWeights { get; init; }
}

public sealed class HeatmapWireConfig
{
    [JsonPropertyName("steps")] public required double Steps { get; init; }

    [JsonPropertyName("decay")] public required double Decay { get; init; }

    /// <summary>The buffer the projections use (the calibrator's, once set; SPEC §13 #6).</summary>
    [JsonPropertyName("buffer")] public required double Buffer { get; init; }

    [JsonPropertyName("tape_weight")] public required double TapeWeight { get; init; }

    [JsonPropertyName("projection_weight")] public required double ProjectionWeight { get; init; }
}

/// <summary>The zone manager's counters as the wire shows them; the zones engine's owner fills it.</summary>
public sealed class ZoneManagerWireStats
{
    [JsonPropertyName("active_zones_long")] public required int ActiveZonesLong { get; init; }

    [JsonPropertyName("active_zones_short")] public required int ActiveZonesShort { get; init; }

    [JsonPropertyName("total_weight_long")] public required double TotalWeightLong { get; init; }

    [JsonPropertyName("total_weight_short")] public required double TotalWeightShort { get; init; }

    [JsonPropertyName("zones_created_total")] public required long ZonesCreatedTotal { get; init; }

    [JsonPropertyName("zones_reinforced_total")] public required long ZonesReinforcedTotal { get; init; }

    [JsonPropertyName("zones_swept_total")] public required long ZonesSweptTotal { get; init; }

    [JsonPropertyName("zones_expired_total")] public required long ZonesExpiredTotal { get; init; }

    [JsonPropertyName("zones_merged_total")] public required long ZonesMergedTotal { get; init; }

    public static ZoneManagerWireStats Empty { get; } = new()
    {
        ActiveZonesLong = 0,
        ActiveZonesShort = 0,
        TotalWeightLong = 0,
        TotalWeightShort = 0,
        ZonesCreatedTotal = 0,
        ZonesReinforcedTotal = 0,
        ZonesSweptTotal = 0,
        ZonesExpiredTotal = 0,
        ZonesMergedTotal = 0,
    };
}
