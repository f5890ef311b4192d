namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// One symbol's liquidation tape (moonstream SPEC §3): the ground truth of where positions were liquidated, in exact
/// tick buckets per side, decayed each minute and hard-deleted when a minute's range trades through them. Pure and
/// deterministic: the caller supplies every event and every closed minute; the tape returns what it did (swept
/// buckets, decayed-away buckets) and never calls another engine. A zones engine creates sweep zones from
/// <see cref="TapeMinuteResult.Swept"/> (§13 #8); a logger writes <c>liq_sweeps</c> lines from it.
/// </summary>
/// <remarks>
/// Order within a minute, as the old engine and its recorded logs (§3, §5.1 step 1): decay first, then the sweep.
/// The recorded sweeps confirm it: a bucket printed and swept in the same minute is logged at notional × 0.995.
/// So a bucket decayed under the floor is reported as decayed, not swept.
/// </remarks>
public sealed class LiquidationTape
{
    private readonly BucketGrid _grid;
    private readonly LeverageLadder _ladder;
    private readonly TapeOptions _options;
    private readonly SortedDictionary<long, Bucket> _long = [];
    private readonly SortedDictionary<long, Bucket> _short = [];
    private readonly Queue<LiquidationEvent> _events = new();
    private readonly Dictionary<int, Queue<OffsetSample>> _samples = [];

    private long _lastMinute = long.MinValue;
    private long _totalEvents;
    private double _longUsd;
    private double _shortUsd;
    private long _minutesApplied;
    private long _staleMinutes;
    private long _swept;
    private long _decayed;

    public LiquidationTape(string symbol, BucketGrid grid, LeverageLadder ladder, TapeOptions? options = null)
    {
        Symbol = symbol;
        _grid = grid;
        _ladder = ladder;
        _options = options ?? new TapeOptions();
        _options.Validate();
    }

    public string Symbol { get; }

    public BucketGrid Grid => _grid;

    /// <summary>The most recent raw events, oldest first, at most <see cref="TapeOptions.EventCapacity"/>.</summary>
    public IReadOnlyCollection<LiquidationEvent> RecentEvents => _events;

    /// <summary>
    /// Takes one liquidation: adds its notional and one to its bucket's count; when an entry estimate is given (see
    /// <see cref="EntryEstimate.Find"/>), learns an offset sample for the ladder tier its move implies.
    /// Returns the bucket after the event, and the sample learned (null when none).
    /// </summary>
    public (TapeBucket Bucket, OffsetSample? Sample) OnLiquidation(LiquidationEvent liquidation, double? entryEstimate = null)
    {
        var notional = liquidation.NotionalUsd;
        var tick = _grid.TickOf(liquidation.Price);
        var map = MapOf(liquidation.Side);
        if (!map.TryGetValue(tick, out var bucket))
        {
            bucket = new Bucket();
            map[tick] = bucket;
        }

        bucket.Notional += notional;
        bucket.Count++;
        bucket.Peak = Math.Max(bucket.Peak, bucket.Notional);
        bucket.LastTs = Math.Max(bucket.LastTs, liquidation.TimestampMs);

        _totalEvents++;
        if (liquidation.Side == LiquidationSide.Long)
        {
            _longUsd += notional;
        }
        else
        {
            _shortUsd += notional;
        }

        if (_events.Count == _options.EventCapacity)
        {
            _events.Dequeue();
        }

        _events.Enqueue(liquidation);
        var sample = entryEstimate is { } entry ? Learn(liquidation, entry) : null;
        return (Snapshot(liquidation.Side, tick, bucket), sample);
    }

    /// <summary>
    /// Takes one liquidation and learns its offset against the entry of the nearest projection bucket of its side, found
    /// by <see cref="EntryEstimate.Find"/> on exact ticks around the liquidation's bucket (SPEC §13 #21).
    /// </summary>
    /// <param name="projectionEntryAt">The entry price of the inference's projection bucket of a side at a tick, or null.</param>
    public (TapeBucket Bucket, OffsetSample? Sample) OnLiquidationAgainst(
        LiquidationEvent liquidation, Func<LiquidationSide, long, double?> projectionEntryAt) =>
        OnLiquidation(liquidation, EntryEstimate.Find(liquidation.Side, _grid.TickOf(liquidation.Price), projectionEntryAt));

    /// <summary>
    /// Closes a minute: decays every bucket (deleting those under the floor), then sweeps the buckets the minute's
    /// range crossed: long buckets at or above its low, short buckets at or below its high. A minute not newer than
    /// the last one applied is refused (counted in <see cref="TapeStats.StaleMinutes"/>) so a replayed message cannot
    /// decay twice. A minute without a finite positive high and low decays but sweeps nothing.
    /// </summary>
    public TapeMinuteResult OnMinute(MinuteClosed minute)
    {
        if (minute.MinuteMs <= _lastMinute)
        {
            _staleMinutes++;
            return new TapeMinuteResult(minute.MinuteMs, false, [], [], _long.Count, _short.Count);
        }

        _lastMinute = minute.MinuteMs;
        _minutesApplied++;
        var decayed = new List<TapeBucket>();
        Decay(LiquidationSide.Long, decayed);
        Decay(LiquidationSide.Short, decayed);
        var swept = new List<SweptBucket>();
        if (minute.High > 0 && minute.Low > 0 && double.IsFinite(minute.High) && double.IsFinite(minute.Low))
        {
            Sweep(minute.MinuteMs, LiquidationSide.Long, minute.Low, swept);
            Sweep(minute.MinuteMs, LiquidationSide.Short, minute.High, swept);
        }

        _decayed += decayed.Count;
        _swept += swept.Count;
        return new TapeMinuteResult(minute.MinuteMs, true, decayed, swept, _long.Count, _short.Count);
    }

    /// <summary>Both sides' buckets, ascending by price.</summary>
    public TapeHeatmap GetHeatmap() => new(
        _long.Select(kv => Snapshot(LiquidationSide.Long, kv.Key, kv.Value)).ToList(),
        _short.Select(kv => Snapshot(LiquidationSide.Short, kv.Key, kv.Value)).ToList());

    /// <summary>The offset samples held for a tier, oldest first (tiers are the symbol ladder's).</summary>
    public IReadOnlyList<OffsetSample> OffsetSamples(int tier) =>
        _samples.TryGetValue(tier, out var q) ? q.ToList() : [];

    /// <summary>How many samples each tier holds.</summary>
    public IReadOnlyDictionary<int, int> OffsetSampleCounts() => _samples.ToDictionary(kv => kv.Key, kv => kv.Value.Count);

    public TapeStats Stats() => new(
        _totalEvents,
        _longUsd,
        _shortUsd,
        _long.Count,
        _short.Count,
        _minutesApplied,
        _staleMinutes,
        _swept,
        _decayed,
        _samples.Values.Sum(q => q.Count),
        _events.Count);

    private OffsetSample? Learn(LiquidationEvent liquidation, double entry)
    {
        var price = (double)liquidation.Price;
        if (!(entry > 0) || !double.IsFinite(entry))
        {
            return null;
        }

        // ImpliedLiquidation is the one leverage↔price relation of every engine; a move within the buffer implies none.
        if (ImpliedLiquidation.ImpliedLeverage(entry, price, _options.Buffer) is not { } leverage)
        {
            return null;
        }

        // Snapped to this symbol's own ladder (the old code used one fixed list for every symbol, SPEC §2). A sample
        // nearest a disabled tier is kept under that tier, because it is what was observed; whoever turns samples into
        // weights must leave disabled tiers out and renormalise (SPEC §13 #22), as LeverageLadder does.
        var sample = new OffsetSample(_ladder.NearestTier(leverage), (entry - price) / entry, liquidation.Side);
        if (!_samples.TryGetValue(sample.Tier, out var queue))
        {
            queue = new Queue<OffsetSample>();
            _samples[sample.Tier] = queue;
        }

        if (queue.Count == _options.OffsetSamplesPerTier)
        {
            queue.Dequeue();
        }

        queue.Enqueue(sample);
        return sample;
    }

    private void Decay(LiquidationSide side, List<TapeBucket> removed)
    {
        var map = MapOf(side);
        List<long>? drop = null;
        foreach (var (tick, bucket) in map)
        {
            bucket.Notional *= _options.DecayPerMinute;
            if (bucket.Notional < _options.MinBucketUsd)
            {
                (drop ??= []).Add(tick);
                removed.Add(Snapshot(side, tick, bucket));
            }
        }

        foreach (var tick in drop ?? [])
        {
            map.Remove(tick);
        }
    }

    private void Sweep(long minuteMs, LiquidationSide side, double trigger, List<SweptBucket> swept)
    {
        var map = MapOf(side);
        List<long>? drop = null;
        foreach (var (tick, bucket) in map)
        {
            // The bucket's exact price as a double is the same value the old engine compared (its float key).
            var price = _grid.PriceAsDouble(tick);
            var crossed = side == LiquidationSide.Long ? trigger <= price : trigger >= price;
            if (!crossed)
            {
                continue;
            }

            (drop ??= []).Add(tick);
            swept.Add(new SweptBucket(
                minuteMs,
                side,
                tick,
                _grid.PriceOf(tick),
                bucket.Notional,
                bucket.Count,
                bucket.Peak,
                bucket.LastTs,
                side == LiquidationSide.Long ? SweepReason.LowAtOrBelow : SweepReason.HighAtOrAbove,
                trigger));
        }

        foreach (var tick in drop ?? [])
        {
            map.Remove(tick);
        }
    }

    private SortedDictionary<long, Bucket> MapOf(LiquidationSide side) => side == LiquidationSide.Long ? _long : _short;

    private TapeBucket Snapshot(LiquidationSide side, long tick, Bucket b) =>
        new(side, tick, _grid.PriceOf(tick), b.Notional, b.Count, b.Peak, b.LastTs);

    private sealed class Bucket
    {
        public double Notional;
        public int Count;
        public double Peak;
        public long LastTs = long.MinValue;
    }
}
