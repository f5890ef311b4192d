using ActorBot.Domain.Liquidations.Tape;

namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// The sweep-zone rule (SPEC §13 #8). The old engine meant to create a "magnetic" zone past every heavy swept zone,
/// but ran it after the tape sweep had already deleted those zones, so it never fired. Here sweep zones come from the
/// tape's own sweep result, one per swept bucket:
/// <list type="bullet">
/// <item>weight: the bucket's decayed notional at the sweep as a zone weight (notional × 1e-5, the tape's scale); a
/// bucket under <see cref="ZoneOptions.SweepZoneMinWeight"/> (0.5 = $50k) makes none. The zone's input weight is that
/// × <see cref="ZoneOptions.SweepZoneFactor"/> (0.3) at confidence <see cref="ZoneOptions.SweepZoneConfidence"/> (0.5),
/// so it lands at 0.15 × the bucket weight, capped like any zone — the old path's constants;</item>
/// <item>side: the swept bucket's side (positions re-entered after a long flush liquidate lower, after a short
/// squeeze higher);</item>
/// <item>price: one bucket past the sweep, and past the minute's extreme too — for longs
/// min(bucket − 1, tick(low) − 1), for shorts max(bucket + 1, tick(high) + 1) — so the zone lies strictly outside the
/// range that swept it (the old "one step past the bucket" could land inside that range and be swept at once).</item>
/// </list>
/// </summary>
public static class SweepZoneRule
{
    /// <summary>The sweep zone a swept tape bucket creates, or null when the bucket was too light.</summary>
    public static ZoneInput? From(SweptBucket swept, BucketGrid grid, ZoneOptions options)
    {
        var bucketWeight = swept.TotalNotionalUsd * options.WeightPerUsd;
        if (!(bucketWeight >= options.SweepZoneMinWeight) || !double.IsFinite(swept.Trigger) || swept.Trigger <= 0)
        {
            return null;
        }

        var tick = swept.Side == LiquidationSide.Long
            ? Math.Min(swept.Tick - 1, grid.TickOf(swept.Trigger) - 1)
            : Math.Max(swept.Tick + 1, grid.TickOf(swept.Trigger) + 1);
        return new ZoneInput(tick, swept.Side, bucketWeight * options.SweepZoneFactor, ZoneSource.Sweep, null, options.SweepZoneConfidence);
    }
}
