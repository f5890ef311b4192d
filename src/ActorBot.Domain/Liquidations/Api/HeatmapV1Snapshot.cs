using System.Text.Json.Serialization;

namespace ActorBot.Domain.Liquidations.Api;

/// <summary>
/// The <c>/liq_heatmap</c> (V1) body of moonstream SPEC §10.3/§11.3, field for field in the recorded order. Old fields
/// keep their old meaning, oddities included; the corrected USD and size values are new fields appended at the end.
/// </summary>
public sealed class HeatmapV1Snapshot
{
    [JsonPropertyName("schema_version")] public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("symbol")] public required string Symbol { get; init; }

    [JsonPropertyName("ts")] public required double Ts { get; init; }

    [JsonPropertyName("src")] public required double Src { get; init; }

    [JsonPropertyName("step")] public required double Step { get; init; }

    [JsonPropertyName("price_min")] public required double PriceMin { get; init; }

    [JsonPropertyName("price_max")] public required double PriceMax { get; init; }

    /// <summary>src ± 8 %, built by index.</summary>
    [JsonPropertyName("prices")] public required IReadOnlyList<double> Prices { get; init; }

    /// <summary>Smoothed, p50..p95-normalised, values ≤ 0.1 cut to 0, 4 dp, visibility floor applied.</summary>
    [JsonPropertyName("long_intensity")] public required IReadOnlyList<double> LongIntensity { get; init; }

    [JsonPropertyName("short_intensity")] public required IReadOnlyList<double> ShortIntensity { get; init; }

    /// <summary>Kept as the old system wrote it: the raw display intensity rounded to 2 dp, NOT USD (SPEC §13 #11).</summary>
    [JsonPropertyName("long_notional_usd")] public required IReadOnlyList<double> LongNotionalUsd { get; init; }

    [JsonPropertyName("short_notional_usd")] public required IReadOnlyList<double> ShortNotionalUsd { get; init; }

    /// <summary>Kept as the old system wrote it: raw intensity / price, 6 dp, NOT a size (SPEC §13 #11).</summary>
    [JsonPropertyName("long_size_btc")] public required IReadOnlyList<double> LongSizeBtc { get; init; }

    [JsonPropertyName("short_size_btc")] public required IReadOnlyList<double> ShortSizeBtc { get; init; }

    [JsonPropertyName("top_long_zones")] public required IReadOnlyList<HeatmapV1Zone> TopLongZones { get; init; }

    [JsonPropertyName("top_short_zones")] public required IReadOnlyList<HeatmapV1Zone> TopShortZones { get; init; }

    [JsonPropertyName("norm")] public required HeatmapV1Norm Norm { get; init; }

    /// <summary>New: liquidated USD still on the tape per grid price (the V2 snapshot's value at the same price).</summary>
    [JsonPropertyName("long_tape_usd")] public required IReadOnlyList<double> LongTapeUsd { get; init; }

    [JsonPropertyName("short_tape_usd")] public required IReadOnlyList<double> ShortTapeUsd { get; init; }

    /// <summary>New: projected liquidation USD per grid price.</summary>
    [JsonPropertyName("long_projected_usd")] public required IReadOnlyList<double> LongProjectedUsd { get; init; }

    [JsonPropertyName("short_projected_usd")] public required IReadOnlyList<double> ShortProjectedUsd { get; init; }

    /// <summary>New: (tape + projected USD) / price in the base asset.</summary>
    [JsonPropertyName("long_size_base")] public required IReadOnlyList<double> LongSizeBase { get; init; }

    [JsonPropertyName("short_size_base")] public required IReadOnlyList<double> ShortSizeBase { get; init; }
}

/// <summary>One of the ≤ 5 strongest zones of a side: price 2 dp, strength 4 dp, age in minutes.</summary>
public sealed record HeatmapV1Zone(
    [property: JsonPropertyName("price")] double Price,
    [property: JsonPropertyName("strength")] double Strength,
    [property: JsonPropertyName("age_min")] int AgeMin);

public sealed record HeatmapV1Norm(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95);
