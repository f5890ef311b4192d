using ActorBot.Domain.Bars;

namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// The research event record's forward diagnostics (SPEC §5.2). They look into the future by
/// definition: research reports only, never model inputs, never live.
/// </summary>
public sealed record ResearchDiagnostics(
    IReadOnlyDictionary<int, double> MfeAtr,
    IReadOnlyDictionary<(int Horizon, double K), int> DidSnap,
    int BarrierLabel)
{
    public static readonly int[] Horizons = [6, 10, 20, 30, 60, 120, 240];

    public static readonly double[] SnapK = [0.5, 0.75, 1.0];

    /// <summary>The research's <c>did_snap</c> column is always 0: it is looked up under a name that does not exist.</summary>
    public int DidSnapColumn => 0;

    /// <summary>
    /// Computes the diagnostics of the event at <paramref name="index"/> over the bars after it,
    /// truncated at the end of <paramref name="chunkBars"/> (the research's chunk).
    /// </summary>
    public static ResearchDiagnostics Compute(IReadOnlyList<Bar> chunkBars, int index, int side, double atr)
    {
        var close = chunkBars[index].Close;
        var mfe = new Dictionary<int, double>();
        var snap = new Dictionary<(int, double), int>();
        foreach (var h in Horizons)
        {
            var best = double.NegativeInfinity;
            var last = Math.Min(chunkBars.Count - 1, index + h);
            for (var i = index + 1; i <= last; i++)
            {
                var excursion = side == 1 ? chunkBars[i].High - close : close - chunkBars[i].Low;
                best = Math.Max(best, excursion);
            }

            mfe[h] = last > index ? Math.Max(0.0, best) / atr : 0.0;
            foreach (var k in SnapK)
            {
                snap[(h, k)] = mfe[h] >= k ? 1 : 0;
            }
        }

        return new ResearchDiagnostics(mfe, snap, DiamondHunterBarrierLabel(chunkBars, index, side, atr));
    }

    /// <summary>
    /// <c>barrier_y_H30_R4p0_sl2p5</c>: R = 1 ATR, TP = entry + side·4·ATR, SL = entry − side·2.5·ATR,
    /// bars idx+1 … min(idx+30, last); TP first or both in one bar → 1, SL first or neither → 0.
    /// Not the meta label (which uses R = 0.5 ATR and starts at the event bar).
    /// </summary>
    public static int DiamondHunterBarrierLabel(IReadOnlyList<Bar> chunkBars, int index, int side, double atr)
    {
        var entry = chunkBars[index].Close;
        var tp = entry + (side * 4.0 * atr);
        var sl = entry - (side * 2.5 * atr);
        var last = Math.Min(chunkBars.Count - 1, index + 30);
        for (var i = index + 1; i <= last; i++)
        {
            var b = chunkBars[i];
            var tpHit = side == 1 ? b.High >= tp : b.Low <= tp;
            var slHit = side == 1 ? b.Low <= sl : b.High >= sl;
            if (tpHit)
            {
                return 1;
            }

            if (slHit)
            {
                return 0;
            }
        }

        return 0;
    }
}
