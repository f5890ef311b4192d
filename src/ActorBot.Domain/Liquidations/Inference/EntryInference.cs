namespace ActorBot.Domain.Liquidations.Inference;

/// <summary>
/// Forward projection of where newly opened positions would be liquidated (moonstream SPEC §4), one instance per
/// symbol. Each completed minute: decay, partial sweep of crossed buckets, then an OI increase is split by taker
/// aggression into longs and shorts and projected over the symbol's leverage ladder; an OI decrease closes a share of
/// every projection. Pure: the minute (with its OI in base units) is the only input, the returned
/// <see cref="InferenceMinute"/> the only output besides the projection maps.
/// Fixed against the old engine: the prior OI is the denominator of the threshold and close factor (§13 #7); the
/// buffer the calibrator tunes reaches the projections (§13 #6); weights are renormalised over the tiers actually
/// projected, so no mass vanishes (§13 #22); keys are exact ticks (§13 #21).
/// </summary>
public sealed class EntryInference
{
    private readonly Dictionary<long, ProjectionBucket> _long = [];
    private readonly Dictionary<long, ProjectionBucket> _short = [];
    private readonly Queue<long> _inferenceMinutes = new();
    private readonly EntryInferenceOptions _options;
    private (int Tier, double Weight)[] _projectionTiers = [];

    public EntryInference(string symbol, BucketGrid grid, LeverageLadder ladder, EntryInferenceOptions? options = null)
    {
        _options = options ?? new EntryInferenceOptions();
        _options.Validate();
        Symbol = symbol;
        Grid = grid;
        Buffer = _options.Buffer;
        SetLadder(ladder);
        Ladder = ladder;
    }

    public string Symbol { get; }

    public BucketGrid Grid { get; }

    public LeverageLadder Ladder { get; private set; }

    /// <summary>The maintenance buffer of the implied levels, as last set by the calibrator.</summary>
    public double Buffer { get; private set; }

    /// <summary>The OI (base units) of the last minute that carried one.</summary>
    public double? LastOpenInterest { get; private set; }

    public long? CurrentMinuteMs { get; private set; }

    public double CurrentPrice { get; private set; }

    /// <summary>Minutes that projected anything, since start.</summary>
    public long TotalInferences { get; private set; }

    /// <summary>USD projected per side since start (before decay, sweeps and closes).</summary>
    public double TotalInferredLongUsd { get; private set; }

    public double TotalInferredShortUsd { get; private set; }

    /// <summary>Projecting minutes among the last <see cref="EntryInferenceOptions.InferenceWindow"/> of them.</summary>
    public int InferencesInWindow => _inferenceMinutes.Count;

    /// <summary>The weight each tier is projected with: enabled tiers above the floor, summing to 1.</summary>
    public IReadOnlyList<(int Tier, double Weight)> ProjectionWeights => _projectionTiers;

    public IReadOnlyDictionary<long, ProjectionBucket> Buckets(LiquidationSide side) => Map(side);

    /// <summary>A copy of one side's projection as {tick → USD}, the input of the combined heatmap.</summary>
    public IReadOnlyDictionary<long, double> ProjectionUsd(LiquidationSide side)
        => Map(side).ToDictionary(kv => kv.Key, kv => kv.Value.SizeUsd);

    /// <summary>
    /// The calibrator's tuned weights (one per ladder tier, ascending) and buffer. Both reach the next projection:
    /// the old callback set only the heatmap's buffer, so the tuning never reached the inference (§13 #6).
    /// </summary>
    public void UpdateWeights(IReadOnlyList<double> weights, double buffer)
    {
        CheckBuffer(buffer);
        var next = Ladder.WithWeights(weights);
        SetLadder(next);
        Ladder = next;
        Buffer = buffer;
    }

    /// <summary>The same, keyed by tier; a tier the ladder lacks is an error, a missing tier weighs 0.</summary>
    public void UpdateWeights(IReadOnlyDictionary<int, double> weightsByTier, double buffer)
    {
        foreach (var tier in weightsByTier.Keys)
        {
            if (!Ladder.Tiers.Contains(tier))
            {
                throw new ArgumentException($"{Symbol}: tier {tier}x is not on the ladder [{string.Join(", ", Ladder.Tiers)}].", nameof(weightsByTier));
            }
        }

        UpdateWeights(Ladder.Tiers.Select(t => weightsByTier.TryGetValue(t, out var w) ? w : 0.0).ToArray(), buffer);
    }

    /// <summary>
    /// The entry price of the projection bucket nearest to a liquidation (SPEC §3): the same bucket, then ±1, ±2 ticks;
    /// null when none is there. Exact ticks, so SOL's neighbours are found (§13 #21).
    /// </summary>
    public double? EntryEstimate(LiquidationSide side, long liquidationTick)
    {
        var map = Map(side);
        foreach (var d in (long[])[0, -1, 1, -2, 2])
        {
            if (map.TryGetValue(liquidationTick + d, out var bucket))
            {
                return bucket.EntryPrice;
            }
        }

        return null;
    }

    /// <summary>One completed minute of the symbol (SPEC §4.3, in that order).</summary>
    public InferenceMinute OnMinute(MinuteClosed minute)
    {
        if (!string.Equals(minute.Symbol, Symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Minute of {minute.Symbol} sent to the {Symbol} inference.", nameof(minute));
        }

        var src = (minute.Open + minute.High + minute.Low + minute.Close) / 4.0;
        if (!double.IsFinite(src) || src <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minute), $"{Symbol}: minute {minute.MinuteMs} has no valid price (OHLC4 {src}).");
        }

        if (minute.OpenInterest is { } oiCheck && (!double.IsFinite(oiCheck) || oiCheck < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minute), $"{Symbol}: open interest {oiCheck} is not valid.");
        }

        CurrentMinuteMs = minute.MinuteMs;
        CurrentPrice = src;

        // 1. OI delta against the prior OI, kept for the ratios below (§13 #7). A minute without OI changes nothing.
        var prior = LastOpenInterest;
        var delta = minute.OpenInterest is { } oi && prior is > 0 ? oi - prior.Value : 0.0;
        if (minute.OpenInterest is { } newOi)
        {
            LastOpenInterest = newOi;
        }

        // 2. Decay.
        var decayedAway = Scale(_options.Decay);

        // 3. Partial sweep of the buckets the minute's range crossed.
        var swept = new List<SweptProjection>();
        if (minute.High > 0 && minute.Low > 0 && double.IsFinite(minute.High) && double.IsFinite(minute.Low))
        {
            // Exact: a bucket at tick·step is crossed by the high when tick ≤ ⌊high/step⌋, by the low when tick ≥ ⌈low/step⌉.
            var highTick = (long)Math.Floor((decimal)minute.High / Grid.Step);
            var lowTick = (long)Math.Ceiling((decimal)minute.Low / Grid.Step);
            Sweep(_short, tick => tick <= highTick, swept);
            Sweep(_long, tick => tick >= lowTick, swept);
        }

        // 4. Aggression, clamped so one-sided flow still opens some of both sides.
        var buyShare = minute.BuyShare;
        var buyWeight = Math.Clamp(buyShare, _options.MinSideWeight, 1.0 - _options.MinSideWeight);
        var sellWeight = 1.0 - buyWeight;

        // 5–6. Threshold on the prior OI; project both sides of a large enough increase.
        var threshold = (prior ?? 0.0) * src * _options.MinOiChangePct;
        var deltaUsd = delta * src;
        var projected = new List<ProjectedContribution>();
        if (delta > 0 && deltaUsd >= threshold)
        {
            Project(LiquidationSide.Long, src, deltaUsd * buyWeight, buyWeight, minute.MinuteMs, projected);
            Project(LiquidationSide.Short, src, deltaUsd * sellWeight, sellWeight, minute.MinuteMs, projected);
            if (projected.Count > 0)
            {
                TotalInferences++;
                _inferenceMinutes.Enqueue(minute.MinuteMs);
                while (_inferenceMinutes.Count > _options.InferenceWindow)
                {
                    _inferenceMinutes.Dequeue();
                }
            }
        }

        // 7. An OI decrease closes the same share of the prior OI out of every projection.
        var closeFactor = 0.0;
        var closedUsd = 0.0;
        var total = delta < 0 ? TotalUsd() : 0.0;
        if (delta < 0 && total > 0 && prior is > 0)
        {
            closeFactor = Math.Min(-delta / prior.Value, _options.MaxOiReductionPerMinute);
            Scale(1.0 - closeFactor);
            closedUsd = total - TotalUsd();
        }

        return new InferenceMinute(
            Symbol, minute.MinuteMs, src, minute.OpenInterest, prior, delta, deltaUsd, threshold, buyShare, buyWeight,
            projected, swept, decayedAway, closeFactor, closedUsd, _long.Count, _short.Count);
    }

    internal static void CheckBuffer(double buffer)
    {
        if (!double.IsFinite(buffer) || buffer < 0 || buffer >= 0.05)
        {
            throw new ArgumentOutOfRangeException(nameof(buffer), $"Buffer {buffer} must be in [0, 0.05).");
        }
    }

    private void SetLadder(LeverageLadder ladder)
    {
        // The ladder already weighs disabled tiers 0 and sums to 1 over the enabled ones; tiers under the floor are
        // dropped too, and the survivors renormalised, so the whole size is projected (§13 #22).
        var kept = ladder.Enabled().Where(e => e.Weight >= _options.MinTierWeight && e.Weight > 0).ToArray();
        var sum = kept.Sum(e => e.Weight);
        if (!(sum > 0))
        {
            throw new ArgumentException($"{Symbol}: no enabled tier weighs at least {_options.MinTierWeight}.");
        }

        _projectionTiers = kept.Select(e => (e.Tier, e.Weight / sum)).ToArray();
    }

    private void Project(LiquidationSide side, double src, double size, double confidence, long minuteMs, List<ProjectedContribution> output)
    {
        if (size < _options.MinBucketUsd)
        {
            return;
        }

        var map = Map(side);
        foreach (var (tier, weight) in _projectionTiers)
        {
            var contrib = size * weight;
            if (contrib < _options.MinBucketUsd)
            {
                continue;
            }

            var tick = Grid.TickOf(ImpliedLiquidation.Price(side, src, tier, Buffer));
            if (!map.TryGetValue(tick, out var bucket))
            {
                bucket = new ProjectionBucket(side, tick, src, tier, minuteMs);
                map[tick] = bucket;
            }

            bucket.SizeUsd += contrib;
            bucket.PeakSizeUsd = Math.Max(bucket.PeakSizeUsd, bucket.SizeUsd);
            bucket.InferenceCount++;
            bucket.LastMinuteMs = minuteMs;
            output.Add(new ProjectedContribution(side, tier, tick, contrib, confidence));
            if (side == LiquidationSide.Long)
            {
                TotalInferredLongUsd += contrib;
            }
            else
            {
                TotalInferredShortUsd += contrib;
            }
        }
    }

    private void Sweep(Dictionary<long, ProjectionBucket> map, Func<long, bool> crossed, List<SweptProjection> output)
    {
        var hit = new List<long>();
        foreach (var tick in map.Keys)
        {
            if (crossed(tick))
            {
                hit.Add(tick);
            }
        }

        hit.Sort();
        foreach (var tick in hit)
        {
            var bucket = map[tick];
            var before = bucket.SizeUsd;
            var after = before * (1.0 - _options.SweepReduction);
            if (after < _options.MinBucketUsd)
            {
                map.Remove(tick);
                output.Add(new SweptProjection(bucket.Side, tick, before, before, true));
            }
            else
            {
                bucket.SizeUsd = after;
                output.Add(new SweptProjection(bucket.Side, tick, before, before - after, false));
            }
        }
    }

    /// <summary>Multiplies every bucket by the factor and deletes the ones left under the minimum; returns how many.</summary>
    private int Scale(double factor)
    {
        var removed = 0;
        var under = new List<long>();
        foreach (var map in (Dictionary<long, ProjectionBucket>[])[_long, _short])
        {
            under.Clear();
            foreach (var (tick, bucket) in map)
            {
                bucket.SizeUsd *= factor;
                if (bucket.SizeUsd < _options.MinBucketUsd)
                {
                    under.Add(tick);
                }
            }

            foreach (var tick in under)
            {
                map.Remove(tick);
            }

            removed += under.Count;
        }

        return removed;
    }

    private double TotalUsd() => _long.Values.Sum(b => b.SizeUsd) + _short.Values.Sum(b => b.SizeUsd);

    private Dictionary<long, ProjectionBucket> Map(LiquidationSide side) => side == LiquidationSide.Long ? _long : _short;
}
