namespace ActorBot.Domain.Liquidations.Heatmap;

/// <summary>
/// The combined, normalised liquidation heatmap of one symbol (SPEC §4.6): tape and projection are each scaled by their
/// own p99 (both sides pooled), clipped at 1 and mixed 0.35 / 0.65 per tick. The display variant multiplies a tick by
/// the boost (capped at 1) where both normalised sources are present at that same tick. <see cref="Long"/> and
/// <see cref="Short"/> are the mixed values (0..1); <see cref="Intensity"/> divides them by the maximum over both
/// sides, which is what the old <c>get_heatmap[_display]</c> returned.
/// </summary>
public sealed class CombinedHeatmap
{
    /// <summary>Below this a normalised source counts as absent (the old <c>COMBINED_SOURCE_EPS</c>).</summary>
    public const double SourceEpsilon = 1e-4;

    private CombinedHeatmap(
        Dictionary<long, double> longValues,
        Dictionary<long, double> shortValues,
        SourceMaps tape,
        SourceMaps projection,
        double tapeScale,
        double projectionScale,
        int boosted)
    {
        Long = longValues;
        Short = shortValues;
        Tape = tape;
        Projection = projection;
        TapeScale = tapeScale;
        ProjectionScale = projectionScale;
        BoostedBuckets = boosted;
        Max = Math.Max(longValues.Values.DefaultIfEmpty(0).Max(), shortValues.Values.DefaultIfEmpty(0).Max());
    }

    public IReadOnlyDictionary<long, double> Long { get; }

    public IReadOnlyDictionary<long, double> Short { get; }

    /// <summary>The raw tape input (USD per tick).</summary>
    public SourceMaps Tape { get; }

    /// <summary>The raw projection input (USD per tick).</summary>
    public SourceMaps Projection { get; }

    public double TapeScale { get; }

    public double ProjectionScale { get; }

    /// <summary>Ticks the display boost lifted (0 for the raw variant).</summary>
    public int BoostedBuckets { get; }

    /// <summary>The largest mixed value over both sides (0 when empty).</summary>
    public double Max { get; }

    public IReadOnlyDictionary<long, double> Side(LiquidationSide side) => side == LiquidationSide.Long ? Long : Short;

    /// <summary>A tick's value divided by the maximum over both sides (0..1), 0 where absent.</summary>
    public double Intensity(LiquidationSide side, long tick)
        => Max > 0 && Side(side).TryGetValue(tick, out var v) ? v / Max : 0.0;

    /// <summary>Whether both p99-normalised sources exceed <see cref="SourceEpsilon"/> at the tick.</summary>
    public bool BothSources(LiquidationSide side, long tick)
        => Tape.Of(side).TryGetValue(tick, out var t) && t / TapeScale > SourceEpsilon
            && Projection.Of(side).TryGetValue(tick, out var p) && p / ProjectionScale > SourceEpsilon;

    /// <param name="boost">1 for the raw heatmap (the calibrator's input); the display boost (1.5) for the display one.</param>
    public static CombinedHeatmap Compute(SourceMaps tape, SourceMaps projection, double tapeWeight, double projectionWeight, double boost)
    {
        if (!(boost >= 1) || !double.IsFinite(boost))
        {
            throw new ArgumentOutOfRangeException(nameof(boost), $"Boost {boost} must be at least 1.");
        }

        var tapeScale = P99Scale.Of(tape.Long.Values.Concat(tape.Short.Values));
        var projectionScale = P99Scale.Of(projection.Long.Values.Concat(projection.Short.Values));
        var boosted = 0;
        Dictionary<long, double> Mix(IReadOnlyDictionary<long, double> t, IReadOnlyDictionary<long, double> p)
        {
            var result = new Dictionary<long, double>();
            foreach (var tick in t.Keys.Union(p.Keys))
            {
                var tn = t.TryGetValue(tick, out var tv) && tv > 0 ? Math.Min(tv / tapeScale, 1.0) : 0.0;
                var pn = p.TryGetValue(tick, out var pv) && pv > 0 ? Math.Min(pv / projectionScale, 1.0) : 0.0;
                var v = (tn * tapeWeight) + (pn * projectionWeight);
                if (boost > 1 && tn > SourceEpsilon && pn > SourceEpsilon)
                {
                    v = Math.Min(v * boost, 1.0);
                    boosted++;
                }

                if (v > 0)
                {
                    result[tick] = v;
                }
            }

            return result;
        }

        var longValues = Mix(tape.Long, projection.Long);
        var shortValues = Mix(tape.Short, projection.Short);
        return new CombinedHeatmap(longValues, shortValues, tape, projection, tapeScale, projectionScale, boosted);
    }
}

/// <summary>One source's two sides as {tick → USD}: the tape's or the projection's.</summary>
public sealed record SourceMaps(IReadOnlyDictionary<long, double> Long, IReadOnlyDictionary<long, double> Short)
{
    public static SourceMaps Empty { get; } = new(new Dictionary<long, double>(), new Dictionary<long, double>());

    public IReadOnlyDictionary<long, double> Of(LiquidationSide side) => side == LiquidationSide.Long ? Long : Short;
}
