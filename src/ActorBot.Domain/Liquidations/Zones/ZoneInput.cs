using ActorBot.Domain.Liquidations.Tape;

namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// One piece of evidence for a zone, in plain terms so any engine can feed it (the glue maps tape prints and inference
/// projections to it): the bucket tick and side, a raw weight (notional × <see cref="ZoneOptions.WeightPerUsd"/>), its
/// source, the leverage tier it came from (null for tape and sweep evidence) and a confidence in [0, 1].
/// The zone engine scales the weight by the tier's zone intensity and the confidence (SPEC §8.2).
/// </summary>
public sealed record ZoneInput(long Tick, LiquidationSide Side, double Weight, ZoneSource Source, int? Tier = null, double Confidence = 1.0)
{
    /// <summary>A printed liquidation's bucket: weight notional/1e5, no tier, confidence 1 (SPEC §3 step 3).</summary>
    public static ZoneInput FromTape(long tick, LiquidationSide side, double notionalUsd, ZoneOptions? options = null) =>
        new(tick, side, notionalUsd * (options ?? Defaults).WeightPerUsd, ZoneSource.Tape);

    /// <summary>The tape bucket a liquidation was added to; its weight is the event's notional, not the bucket's.</summary>
    public static ZoneInput FromTape(TapeBucket bucket, double eventNotionalUsd, ZoneOptions? options = null) =>
        FromTape(bucket.Tick, bucket.Side, eventNotionalUsd, options);

    /// <summary>One tier's projected contribution (SPEC §4.4): weight contrib/1e5, confidence = the side's aggression weight.</summary>
    public static ZoneInput FromInference(long tick, LiquidationSide side, double contributionUsd, int tier, double sideWeight, ZoneOptions? options = null) =>
        new(tick, side, contributionUsd * (options ?? Defaults).WeightPerUsd, ZoneSource.Inference, tier, sideWeight);

    private static readonly ZoneOptions Defaults = new();
}
