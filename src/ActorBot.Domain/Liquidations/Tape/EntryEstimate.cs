namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// Finds the entry price a liquidation is learned against (SPEC §3 "where the entry estimate comes from"): the first
/// projection bucket of the same side at the liquidation's bucket, then one tick below, one above, two below, two
/// above. The old lookup added a float step to a float key without re-rounding, so SOL's ±step probes missed on noise
/// (§13 #21); here every probe is an exact integer tick.
/// </summary>
public static class EntryEstimate
{
    /// <summary>The probe order, in ticks from the liquidation's bucket.</summary>
    public static readonly IReadOnlyList<int> ProbeOffsets = [0, -1, 1, -2, 2];

    /// <param name="side">The liquidated side; only that side's projections are probed.</param>
    /// <param name="tick">The liquidation's bucket tick.</param>
    /// <param name="entryAt">The entry price of the projection bucket of a side at a tick, or null when there is none.</param>
    public static double? Find(LiquidationSide side, long tick, Func<LiquidationSide, long, double?> entryAt)
    {
        foreach (var d in ProbeOffsets)
        {
            if (entryAt(side, tick + d) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }
}
