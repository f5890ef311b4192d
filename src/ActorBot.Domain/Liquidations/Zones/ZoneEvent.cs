namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// One zone lifecycle event, returned for the zone log (SPEC §8.6: <c>{type, ts, side, price, weight, source, …extra}</c>).
/// <see cref="Weight"/> is the zone's weight after the event, full precision (the writer rounds to 4 dp as the old log).
/// </summary>
public abstract record ZoneEvent(long TimestampMs, LiquidationSide Side, long Tick, decimal Price, double Weight, ZoneSource Source)
{
    /// <summary>The log's <c>type</c> field.</summary>
    public abstract string Type { get; }
}

/// <summary>A new zone (<c>zone_created</c>). <see cref="Capped"/> is true when its weight was cut to the cap (SPEC §13 #9).</summary>
public sealed record ZoneCreated(long TimestampMs, LiquidationSide Side, long Tick, decimal Price, double Weight, ZoneSource Source, bool Capped)
    : ZoneEvent(TimestampMs, Side, Tick, Price, Weight, Source)
{
    public override string Type => "zone_created";
}

/// <summary>More evidence at an existing zone (<c>zone_reinforced</c>, extras <c>count</c> and <c>weight_before</c>).</summary>
public sealed record ZoneReinforced(
    long TimestampMs, LiquidationSide Side, long Tick, decimal Price, double Weight, ZoneSource Source, int Count, double WeightBefore)
    : ZoneEvent(TimestampMs, Side, Tick, Price, Weight, Source)
{
    public override string Type => "zone_reinforced";
}

/// <summary>
/// The minute's range crossed the zone (<c>zone_swept</c>, extras <c>final_weight</c>, <c>lifespan_min</c>,
/// <c>reinforcement_count</c>); <see cref="Trigger"/> is the high (short zones) or low (long zones) that crossed it.
/// </summary>
public sealed record ZoneSwept(
    long TimestampMs, LiquidationSide Side, long Tick, decimal Price, double Weight, ZoneSource Source,
    double LifespanMinutes, int ReinforcementCount, double Trigger)
    : ZoneEvent(TimestampMs, Side, Tick, Price, Weight, Source)
{
    public override string Type => "zone_swept";
}

/// <summary>Why a zone expired.</summary>
public enum ZoneExpiryReason
{
    /// <summary>Its decayed weight fell below the minimum.</summary>
    BelowMinWeight,

    /// <summary>Not reinforced for longer than the maximum age, and price is far from it.</summary>
    AgedAndDistant,
}

/// <summary>
/// A zone removed by decay or age (<c>zone_expired</c>, extras <c>final_weight</c>, <c>lifespan_min</c>,
/// <c>age_since_reinforce_min</c>). <see cref="AtLoad"/> is true when the catch-up decay on load expired it (SPEC §13 #24).
/// </summary>
public sealed record ZoneExpired(
    long TimestampMs, LiquidationSide Side, long Tick, decimal Price, double Weight, ZoneSource Source,
    double LifespanMinutes, double AgeSinceReinforceMinutes, ZoneExpiryReason Reason, bool AtLoad)
    : ZoneEvent(TimestampMs, Side, Tick, Price, Weight, Source)
{
    public override string Type => "zone_expired";
}

/// <summary>
/// A zone folded into its heavier neighbour (<c>zone_merged</c>: new; the old engine only counted merges). The base
/// fields describe the zone that was removed; <see cref="IntoTick"/> and <see cref="IntoWeight"/> the zone that kept it.
/// </summary>
public sealed record ZoneMerged(
    long TimestampMs, LiquidationSide Side, long Tick, decimal Price, double Weight, ZoneSource Source, long IntoTick, double IntoWeight)
    : ZoneEvent(TimestampMs, Side, Tick, Price, Weight, Source)
{
    public override string Type => "zone_merged";
}
