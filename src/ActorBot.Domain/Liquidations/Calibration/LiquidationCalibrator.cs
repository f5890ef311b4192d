namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>
/// The leverage-tier calibrator of one symbol (moonstream SPEC §6), pure: liquidations and completed minutes in, verdicts
/// and calibration results out, no clock, no IO. It owns the symbol's tier weights and buffer (the old one re-adopted the
/// inference's every minute) and hands them to the inference after each window (<see cref="CalibrationResult"/>).
/// Fixed against the old engine (§13): a safety floor relative to the enabled tiers' maximum entropy, the same number in
/// the check and the result (#2, #23); attribution over the symbol's own ladder by the entry each tier implies, looked up
/// in the prices actually traded, instead of the distance to levels opened at the current price, which sent every event to
/// the highest tier (#3); misses measured against the uncorrected level, so the bias converges to the median miss (#4);
/// a tolerance that can grow (#5); the one shared implied-price function (#6); <c>calibration_enabled</c> persisted
/// (#24). Two-input rule: an event is attributed only against a minute snapshot at or before its own minute; without one
/// it is counted as dropped and reported, never silently ignored.
/// </summary>
public sealed class LiquidationCalibrator
{
    private readonly CalibratorOptions _options;
    private readonly SortedList<long, (CalibratorMinute Minute, double Buffer)> _snapshots = [];
    private readonly SortedList<long, (double Low, double High)> _ranges = [];
    private double[] _weights;
    private CalibrationWindow _window;
    private double _lastSrc;
    private CalibratorCounters _counters = CalibratorCounters.Zero;
    private CalibratorSafetyCounters _safety = CalibratorSafetyCounters.Zero;

    public LiquidationCalibrator(string symbol, BucketGrid grid, LeverageLadder ladder, CalibratorOptions? options = null)
    {
        _options = options ?? new CalibratorOptions();
        _options.Validate();
        Symbol = symbol;
        Grid = grid;
        Ladder = ladder;
        _weights = [.. ladder.Weights];
        Buffer = _options.InitialBuffer;
        Tolerance = _options.InitialTolerance;
        VolEwma = _options.VolBaseline;
        _window = new CalibrationWindow(ladder.Tiers.Count);
    }

    public string Symbol { get; }

    public BucketGrid Grid { get; }

    /// <summary>The symbol's ladder: its tiers and disabled set (its weights are only the defaults).</summary>
    public LeverageLadder Ladder { get; }

    /// <summary>The current weights, one per ladder tier, 0 on disabled tiers, summing to 1.</summary>
    public IReadOnlyList<double> Weights => _weights;

    public double Buffer { get; private set; }

    public int Tolerance { get; private set; }

    public double BiasLong { get; private set; }

    public double BiasShort { get; private set; }

    public bool CalibrationEnabled { get; private set; } = true;

    public SafetyTrip? Tripped { get; private set; }

    public long CalibrationCount { get; private set; }

    public long? LastCalibrationMinuteMs { get; private set; }

    public int MinutesSinceCalibration { get; private set; }

    /// <summary>EWMA of the per-minute absolute return of src; scales the responsibility temperature.</summary>
    public double VolEwma { get; private set; }

    public long? LastMinuteMs => _snapshots.Count > 0 ? _snapshots.Keys[^1] : null;

    public CalibratorStats Stats => new(
        Symbol, _counters.TotalEvents, _counters.Attributed, _counters.DroppedNoSnapshot, _counters.Rejected, _snapshots.Count,
        MinutesSinceCalibration, LastCalibrationMinuteMs, CalibrationCount, CalibrationEnabled, Tripped,
        WeightsByTier(_weights), Buffer, Tolerance, BiasLong, BiasShort);

    /// <summary>One liquidation of any venue for this symbol (SPEC §6.4).</summary>
    /// <param name="markPrice">The symbol's latest mark price when the event arrived; without one the snapshot's src is the reference.</param>
    public EventOutcome OnLiquidation(LiquidationEvent e, double? markPrice = null)
    {
        var minuteMs = e.MinuteMs;
        if (!string.Equals(e.Symbol, Symbol, StringComparison.Ordinal) || e.Price <= 0 || e.Quantity <= 0)
        {
            _counters = _counters with { TotalEvents = _counters.TotalEvents + 1, Rejected = _counters.Rejected + 1 };
            var why = !string.Equals(e.Symbol, Symbol, StringComparison.Ordinal)
                ? $"Event of {e.Symbol} sent to the {Symbol} calibrator."
                : $"Price {e.Price} and quantity {e.Quantity} must be positive.";
            return new EventOutcome(EventOutcomeKind.Rejected, why, minuteMs);
        }

        var index = FloorIndex(_snapshots.Keys, minuteMs);
        if (index < 0)
        {
            _counters = _counters with { TotalEvents = _counters.TotalEvents + 1, DroppedNoSnapshot = _counters.DroppedNoSnapshot + 1 };
            var held = _snapshots.Count == 0 ? "none held" : $"oldest held {_snapshots.Keys[0]}";
            return new EventOutcome(EventOutcomeKind.DroppedNoSnapshot, $"{Symbol}: no minute snapshot at or before {minuteMs} ({held}).", minuteMs);
        }

        _counters = _counters with { TotalEvents = _counters.TotalEvents + 1, Attributed = _counters.Attributed + 1 };
        var (snapshot, buffer) = _snapshots.Values[index];
        return Attribute(e, snapshot, buffer, markPrice is > 0 && double.IsFinite(markPrice.Value) ? markPrice.Value : null);
    }

    /// <summary>
    /// One completed minute with its predicted map (SPEC §6.5). Returns the calibration result when the minute completes a
    /// window, else null. Minutes must arrive in order; a minute not after the last one, or with a price that is not
    /// positive and finite, is a typed error and changes nothing.
    /// </summary>
    public CalibrationResult? OnMinuteSnapshot(CalibratorMinute minute)
    {
        if (!(minute.Src > 0) || !double.IsFinite(minute.Src) || !double.IsFinite(minute.Close) || !double.IsFinite(minute.High) || !double.IsFinite(minute.Low))
        {
            throw new ArgumentOutOfRangeException(nameof(minute), $"{Symbol}: minute {minute.MinuteMs} has no valid price (src {minute.Src}).");
        }

        if (LastMinuteMs is { } last && minute.MinuteMs <= last)
        {
            throw new ArgumentException($"{Symbol}: minute {minute.MinuteMs} is not after the last one ({last}).", nameof(minute));
        }

        // Volatility per minute (the old per-event update sat at its floor: events cluster within seconds).
        if (_lastSrc > 0)
        {
            VolEwma = ((1 - _options.VolEwmaAlpha) * VolEwma) + (_options.VolEwmaAlpha * Math.Abs((minute.Src / _lastSrc) - 1));
        }

        _lastSrc = minute.Src;
        _snapshots[minute.MinuteMs] = (minute, Buffer);
        var low = minute.Low > 0 ? Math.Min(minute.Low, minute.Src) : minute.Src;
        var high = minute.High > 0 ? Math.Max(minute.High, minute.Src) : minute.Src;
        _ranges[minute.MinuteMs] = (low, high);
        foreach (var side in (LiquidationSide[])[LiquidationSide.Long, LiquidationSide.Short])
        {
            foreach (var tick in minute.Predicted(side).Keys)
            {
                _window.ZoneOrigin.TryAdd((tick, side), (minute.Src, Buffer));
            }
        }

        Approach(minute);

        var keepSnapshots = minute.MinuteMs - ((long)(_options.WindowMinutes + _options.SnapshotSlackMinutes) * 60_000);
        while (_snapshots.Count > 0 && _snapshots.Keys[0] < keepSnapshots)
        {
            _snapshots.RemoveAt(0);
        }

        var keepRanges = minute.MinuteMs - ((long)_options.EntryLookbackMinutes * 60_000);
        while (_ranges.Count > 0 && _ranges.Keys[0] < keepRanges)
        {
            _ranges.RemoveAt(0);
        }

        MinutesSinceCalibration++;
        return MinutesSinceCalibration >= _options.WindowMinutes ? Calibrate(minute) : null;
    }

    /// <summary>The persistent state (weights, buffer, tolerance, biases, enabled flag, counters, ladder).</summary>
    public CalibratorSnapshot ToSnapshot() => new(
        CalibratorSnapshot.CurrentVersion, Symbol, [.. Ladder.Tiers], [.. _weights], [.. Ladder.Disabled.Order()], Buffer, Tolerance,
        BiasLong, BiasShort, CalibrationEnabled, Tripped, CalibrationCount, LastCalibrationMinuteMs, _counters, _safety);

    /// <summary>
    /// A calibrator restored from a snapshot onto the symbol's current ladder; weights saved on another ladder are migrated
    /// in 1/L space (<see cref="TierWeights.Migrate"/>). Buffer and tolerance are clamped to the options' bounds.
    /// </summary>
    public static LiquidationCalibrator Restore(CalibratorSnapshot snapshot, BucketGrid grid, LeverageLadder ladder, CalibratorOptions? options = null)
    {
        if (snapshot.Version != CalibratorSnapshot.CurrentVersion)
        {
            throw new ArgumentException($"Calibrator snapshot version {snapshot.Version} is not supported (expected {CalibratorSnapshot.CurrentVersion}).", nameof(snapshot));
        }

        if (snapshot.Tiers.Count == 0 || snapshot.Tiers.Count != snapshot.Weights.Count)
        {
            throw new ArgumentException($"{snapshot.Symbol}: snapshot has {snapshot.Tiers.Count} tiers and {snapshot.Weights.Count} weights.", nameof(snapshot));
        }

        var calibrator = new LiquidationCalibrator(snapshot.Symbol, grid, ladder, options);
        var o = calibrator._options;
        calibrator._weights = snapshot.Tiers.SequenceEqual(ladder.Tiers)
            ? TierWeights.EnforceDisabled(snapshot.Weights, ladder)
            : TierWeights.Migrate(snapshot.Tiers, snapshot.Weights, ladder) ?? [.. ladder.Weights];
        calibrator.Buffer = double.IsFinite(snapshot.Buffer) ? Math.Clamp(snapshot.Buffer, o.BufferMin, o.BufferMax) : o.InitialBuffer;
        calibrator.Tolerance = Math.Clamp(snapshot.Tolerance, o.ToleranceMin, o.ToleranceMax);
        calibrator.BiasLong = ClampBias(snapshot.BiasLong, o);
        calibrator.BiasShort = ClampBias(snapshot.BiasShort, o);
        calibrator.CalibrationEnabled = snapshot.CalibrationEnabled;
        calibrator.Tripped = snapshot.Tripped;
        calibrator.CalibrationCount = snapshot.CalibrationCount;
        calibrator.LastCalibrationMinuteMs = snapshot.LastCalibrationMinuteMs;
        calibrator._counters = snapshot.Counters;
        calibrator._safety = snapshot.Safety;
        return calibrator;
    }

    /// <summary>The current weights keyed by tier.</summary>
    public IReadOnlyDictionary<int, double> WeightsByTier(IReadOnlyList<double> weights)
    {
        var map = new SortedDictionary<int, double>();
        for (var i = 0; i < Ladder.Tiers.Count; i++)
        {
            map[Ladder.Tiers[i]] = weights[i];
        }

        return map;
    }

    private EventOutcome Attribute(LiquidationEvent e, CalibratorMinute snapshot, double buffer, double? mark)
    {
        var price = (double)e.Price;
        var src = mark ?? snapshot.Src;
        var source = mark is null ? "snapshot_src" : "mark";
        var distPct = Math.Abs(price - src) / src;
        var insane = distPct > _options.MaxEventPriceDeviation;
        var band = distPct <= _options.BandNear ? DistanceBand.Near : distPct <= _options.BandMid ? DistanceBand.Mid : DistanceBand.Far;
        if (!insane)
        {
            _window.High = Math.Max(_window.High, price);
            _window.Low = Math.Min(_window.Low, price);
        }

        var updates = band != DistanceBand.Far && !insane;

        // Binary hit against the predicted map of the liquidated side (a coverage measure, kept as a diagnostic).
        var predicted = snapshot.Predicted(e.Side);
        var eventTick = Grid.TickOf(e.Price);
        double? strength = null;
        var minD = double.PositiveInfinity;
        foreach (var (tick, s) in predicted)
        {
            var d = Math.Abs(tick - eventTick);
            minD = Math.Min(minD, d);
            if (d <= Tolerance)
            {
                strength = Math.Max(strength ?? 0.0, s);
            }
        }

        _window.TotalEvents++;
        if (strength is not null)
        {
            _window.Hits++;
        }
        else
        {
            _window.Misses++;
            if (updates && double.IsFinite(minD))
            {
                _window.MissDistances.Add(minD);
            }
        }

        // Soft attribution: the entry each tier implies for this liquidation, and how far that entry lies from every
        // price traded in the lookback up to the event's minute. A tier whose entry traded explains the event.
        var (low, high) = TradedRange(e.MinuteMs, src);
        var scale = Math.Clamp(VolEwma / _options.VolBaseline, _options.VolScaleMin, _options.VolScaleMax);
        var tau = _options.TauPctBase * scale;
        var delta = _options.DeltaPctBase * scale;
        var tiers = Ladder.Tiers;
        var entries = new double[tiers.Count];
        var dist = new double[tiers.Count];
        var r = new double[tiers.Count];
        var sum = 0.0;
        for (var i = 0; i < tiers.Count; i++)
        {
            var offset = ImpliedLiquidation.Offset(tiers[i], buffer);
            entries[i] = e.Side == LiquidationSide.Long ? price / (1 - offset) : price / (1 + offset);
            if (!(entries[i] > 0) || !double.IsFinite(entries[i]))
            {
                dist[i] = double.PositiveInfinity;
                continue;
            }

            dist[i] = Math.Max(0.0, Math.Max(low - entries[i], entries[i] - high)) / src;
            r[i] = Math.Exp(-dist[i] / tau);
            sum += r[i];
        }

        for (var i = 0; i < r.Length; i++)
        {
            r[i] = sum > 0 ? r[i] / sum : 1.0 / r.Length;
        }

        // The best tier: most responsible; among equally plausible tiers the one the weights favour, then the nearer entry.
        var best = 0;
        for (var i = 1; i < r.Length; i++)
        {
            var better = r[i] > r[best] + 1e-12
                || (Math.Abs(r[i] - r[best]) <= 1e-12 && (_weights[i] > _weights[best] || (_weights[i] == _weights[best] && dist[i] < dist[best])));
            if (better)
            {
                best = i;
            }
        }

        var bestTier = tiers[best];
        var disabled = Ladder.Disabled.Contains(bestTier);
        if (disabled)
        {
            updates = false;
        }

        _window.AttributedCounts[bestTier] = _window.AttributedCounts.GetValueOrDefault(bestTier) + 1;

        // Miss: the print against the uncorrected level of the attributed tier for its nearest traded entry (the implied
        // entry clamped into the traded range); 0 when that entry traded. Measured without the bias, so the bias EWMA
        // converges to the median miss (§13 #4), where the old miss against the corrected level halved it.
        var entry = Math.Clamp(entries[best], low, high);
        var level = ImpliedLiquidation.Price(e.Side, entry, bestTier, buffer);
        var missPct = (price - level) / src;
        if (updates)
        {
            for (var i = 0; i < tiers.Count; i++)
            {
                _window.TierTotals[i] += r[i];
                _window.TierHits[i] += r[i] * Math.Exp(-dist[i] / delta);
            }

            (e.Side == LiquidationSide.Long ? _window.LongMissPct : _window.ShortMissPct).Add(missPct);
        }

        if (updates && predicted.Count > 0)
        {
            var nearest = predicted.Keys.MinBy(t => (Math.Abs(t - eventTick), t));
            var nearestPrice = Grid.PriceAsDouble(nearest);
            _window.Directions.Add(Math.Abs(nearestPrice - src) - Math.Abs(price - src));
        }

        var shares = new TierResponsibility[tiers.Count];
        for (var i = 0; i < tiers.Count; i++)
        {
            shares[i] = new TierResponsibility(tiers[i], r[i], entries[i], dist[i]);
        }

        return new EventOutcome(
            EventOutcomeKind.Attributed, null, e.MinuteMs, snapshot.MinuteMs, src, source, distPct, band, insane, updates,
            strength is not null, strength, strength is null && double.IsFinite(minD) ? minD : null, bestTier, disabled, missPct, shares);
    }

    /// <summary>Lowest low and highest high of the held minutes up to the event's minute, and the reference price.</summary>
    private (double Low, double High) TradedRange(long minuteMs, double src)
    {
        var low = src;
        var high = src;
        for (var i = 0; i < _ranges.Count && _ranges.Keys[i] <= minuteMs; i++)
        {
            low = Math.Min(low, _ranges.Values[i].Low);
            high = Math.Max(high, _ranges.Values[i].High);
        }

        return (low, high);
    }

    /// <summary>Responsibilities of the tiers for a predicted zone, from the src and buffer it was projected under.</summary>
    private double[] ZoneResponsibilities(double zonePrice, LiquidationSide side, double originSrc, double originBuffer)
    {
        var scale = Math.Clamp(VolEwma / _options.VolBaseline, _options.VolScaleMin, _options.VolScaleMax);
        var tau = _options.TauPctBase * scale;
        var r = new double[Ladder.Tiers.Count];
        var sum = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            var level = ImpliedLiquidation.Price(side, originSrc, Ladder.Tiers[i], originBuffer);
            r[i] = Math.Exp(-(Math.Abs(zonePrice - level) / originSrc) / tau);
            sum += r[i];
        }

        for (var i = 0; i < r.Length; i++)
        {
            r[i] = sum > 0 ? r[i] / sum : 1.0 / r.Length;
        }

        return r;
    }

    /// <summary>SPEC §6.5 step 6: predicted zones the close came near are "reached"; the most stressed add soft hits.</summary>
    private void Approach(CalibratorMinute minute)
    {
        if (!(minute.Close > 0))
        {
            return;
        }

        var volume = minute.TakerBuyUsd + minute.TakerSellUsd;
        var aggression = volume > 0 ? 1 - Math.Exp(-(Math.Abs(minute.TakerBuyUsd - minute.TakerSellUsd) / volume) / _options.ImbalanceK) : 0.0;
        var oiFuel = minute is { OpenInterest: { } oi, PriorOpenInterest: > 0 }
            ? 1 - Math.Exp(-(Math.Abs(oi - minute.PriorOpenInterest.Value) / minute.PriorOpenInterest.Value) / _options.OiFuelPct)
            : 0.0;

        // No order-book depth reaches the calibrator yet, so the thinning term (weight 0.45) is 0, as it was for ETH/SOL.
        var stress = Math.Clamp((_options.StressWeightAggression * aggression) + (_options.StressWeightOi * oiFuel), 0, 1);
        var candidates = new List<(double SEff, long Tick, LiquidationSide Side, double Price)>();
        foreach (var side in (LiquidationSide[])[LiquidationSide.Long, LiquidationSide.Short])
        {
            foreach (var tick in minute.Predicted(side).Keys)
            {
                var price = Grid.PriceAsDouble(tick);
                var dist = Math.Abs(minute.Close - price) / minute.Close;
                if (dist > _options.ApproachLearnPct)
                {
                    continue;
                }

                _window.Reached.Add((tick, side));
                candidates.Add((stress * Math.Exp(-dist / _options.ApproachDistDecay), tick, side, price));
            }
        }

        foreach (var c in candidates.OrderByDescending(c => c.SEff).ThenBy(c => c.Side).ThenBy(c => c.Tick).Take(_options.ApproachTopK))
        {
            var (originSrc, originBuffer) = _window.ZoneOrigin.TryGetValue((c.Tick, c.Side), out var o) ? o : (minute.Src, Buffer);
            var r = ZoneResponsibilities(c.Price, c.Side, originSrc, originBuffer);
            for (var i = 0; i < r.Length; i++)
            {
                _window.TierTotals[i] += r[i];
                _window.TierHits[i] += r[i] * c.SEff * _options.ApproachHitMult;
            }

            _window.ApproachEvents++;
        }
    }

    /// <summary>SPEC §6.6, in that order, with the §13 fixes.</summary>
    private CalibrationResult Calibrate(CalibratorMinute minute)
    {
        var o = _options;
        var w = _window;
        var oldWeights = (double[])_weights.Clone();
        var oldBuffer = Buffer;
        var oldTolerance = Tolerance;
        var (oldBiasLong, oldBiasShort) = (BiasLong, BiasShort);
        var hitRate = w.Hits / (double)Math.Max(w.TotalEvents, 1);

        // Unreached penalty: zones inside the traded event range the close never came near.
        var unreached = 0;
        if (w.TotalEvents > 0 && w.High >= w.Low)
        {
            var lo = w.Low * (1 - o.ApproachPct);
            var hi = w.High * (1 + o.ApproachPct);
            foreach (var side in (LiquidationSide[])[LiquidationSide.Long, LiquidationSide.Short])
            {
                foreach (var tick in minute.Predicted(side).Keys.Order())
                {
                    var price = Grid.PriceAsDouble(tick);
                    if (price < lo || price > hi || w.Reached.Contains((tick, side)))
                    {
                        continue;
                    }

                    unreached++;
                    var (originSrc, originBuffer) = w.ZoneOrigin.TryGetValue((tick, side), out var origin) ? origin : (minute.Src, Buffer);
                    var r = ZoneResponsibilities(price, side, originSrc, originBuffer);
                    for (var i = 0; i < r.Length; i++)
                    {
                        w.TierTotals[i] += r[i];
                        w.TierHits[i] -= o.UnreachedPenalty * r[i];
                    }
                }
            }
        }

        var tiers = Ladder.Tiers;
        var scores = new double[tiers.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (w.TierHits[i] + 1) / (w.TierTotals[i] + 5);
        }

        var proposed = w.TotalEvents > 0 ? UpdateWeights(oldWeights, scores) : oldWeights;

        // Buffer: predictions further from price than the events → a smaller buffer moves the levels in, and vice versa.
        var buffer = Buffer;
        if (w.Directions.Count >= o.MinBufferSamples)
        {
            var avg = w.Directions.Average();
            var half = (double)Grid.Step * 0.5;
            buffer = avg > half ? buffer * (1 - o.BufferLearningRate) : avg < -half ? buffer * (1 + o.BufferLearningRate) : buffer;
            buffer = Math.Clamp(buffer, o.BufferMin, o.BufferMax);
        }

        // Tolerance: round the growth up and the shrink down, so a small tolerance can grow (§13 #5).
        if (w.MissDistances.Count >= o.MinToleranceSamples)
        {
            var sorted = w.MissDistances.Order().ToArray();
            var p75 = sorted[(int)(0.75 * sorted.Length)];
            if (p75 > Tolerance * 1.5)
            {
                Tolerance = (int)Math.Ceiling(Tolerance * 1.2);
            }
            else if (p75 < Tolerance * 0.5 && hitRate > 0.5)
            {
                Tolerance = (int)Math.Floor(Tolerance * 0.9);
            }

            Tolerance = Math.Clamp(Tolerance, o.ToleranceMin, o.ToleranceMax);
        }

        BiasLong = UpdateBias(BiasLong, w.LongMissPct);
        BiasShort = UpdateBias(BiasShort, w.ShortMissPct);

        // Safety: the same enabled-tier entropy in the rule and in the result (§13 #2, #23), against a floor relative to
        // the most the ladder allows, which every default ladder passes.
        var entropy = TierWeights.EnabledEntropy(proposed, Ladder);
        var floor = o.SafetyEntropyRatioMin * TierWeights.MaxEntropy(Ladder);
        var maxWeight = proposed.Max();
        _safety = new CalibratorSafetyCounters(
            entropy < floor ? _safety.LowEntropy + 1 : 0,
            maxWeight >= o.SafetyMaxWeight ? _safety.Cap + 1 : 0,
            buffer <= o.BufferMin || buffer >= o.BufferMax ? _safety.BufferBound + 1 : 0,
            Tolerance <= o.ToleranceMin || Tolerance >= o.ToleranceMax ? _safety.ToleranceBound + 1 : 0);
        SafetyTrip? trip = _safety.LowEntropy >= o.SafetyEntropyTrip ? SafetyTrip.LowEntropy
            : _safety.Cap >= o.SafetyCapTrip ? SafetyTrip.WeightCap
            : _safety.BufferBound >= o.SafetyBoundsTrip ? SafetyTrip.BufferBound
            : _safety.ToleranceBound >= o.SafetyBoundsTrip ? SafetyTrip.ToleranceBound
            : null;
        SafetyTrip? newTrip = null;
        if (trip is not null && CalibrationEnabled)
        {
            CalibrationEnabled = false;
            Tripped = trip;
            newTrip = trip;
        }

        var applied = CalibrationEnabled;
        if (applied)
        {
            _weights = proposed;
            Buffer = buffer;
        }

        var result = new CalibrationResult(
            minute.MinuteMs, CalibrationCount + 1, w.TotalEvents, w.Hits, w.Misses, hitRate, [.. tiers], oldWeights, [.. _weights], scores,
            new SortedDictionary<int, int>(w.AttributedCounts), oldBuffer, Buffer, oldTolerance, Tolerance, oldBiasLong, BiasLong,
            oldBiasShort, BiasShort, w.ApproachEvents, unreached, entropy, floor, maxWeight, CalibrationEnabled, newTrip, applied);

        _window = new CalibrationWindow(tiers.Count);
        CalibrationCount++;
        LastCalibrationMinuteMs = minute.MinuteMs;
        MinutesSinceCalibration = 0;
        return result;
    }

    /// <summary>SPEC §6.6 step 5: score-driven step, ratio clamp, cap, anchor, mid-mass floor, disabled tiers zeroed.</summary>
    private double[] UpdateWeights(double[] old, double[] scores)
    {
        var o = _options;
        var tiers = Ladder.Tiers;
        var enabled = Enumerable.Range(0, tiers.Count).Where(i => !Ladder.Disabled.Contains(tiers[i])).ToArray();

        // The mean over the enabled tiers only: a disabled tier's score is not evidence about the others.
        var mean = enabled.Average(i => scores[i]);
        var w = new double[tiers.Count];
        foreach (var i in enabled)
        {
            var next = old[i] * (1 + (o.LearningRate * (scores[i] - mean)));
            if (old[i] > 0)
            {
                next = old[i] * Math.Clamp(next / old[i], o.RatioMin, o.RatioMax);
            }

            next = Math.Min(next, o.WeightCap);
            w[i] = ((1 - o.AnchorLambda) * old[i]) + (o.AnchorLambda * next);
        }

        Normalise(w);

        // Mid-mass floor over the enabled mid tiers; a uniform split never reaches a disabled tier.
        var mid = enabled.Where(i => tiers[i] <= o.MidLeverageThreshold).ToArray();
        var highTiers = enabled.Where(i => tiers[i] > o.MidLeverageThreshold).ToArray();
        var midMass = mid.Sum(i => w[i]);
        var highMass = highTiers.Sum(i => w[i]);
        if (mid.Length > 0 && midMass < o.MinMassMid && highMass > 1e-9)
        {
            var drain = Math.Min((o.MinMassMid - midMass) / highMass, 0.9);
            var taken = 0.0;
            foreach (var i in highTiers)
            {
                taken += w[i] * drain;
                w[i] -= w[i] * drain;
            }

            foreach (var i in mid)
            {
                w[i] += midMass > 1e-9 ? taken * w[i] / midMass : taken / mid.Length;
            }

            Normalise(w);
        }

        return TierWeights.EnforceDisabled(w, Ladder);
    }

    private double UpdateBias(double bias, List<double> misses)
    {
        if (misses.Count < _options.MinBiasSamples)
        {
            return bias;
        }

        var sorted = misses.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        return ClampBias(((1 - _options.BiasEta) * bias) + (_options.BiasEta * median), _options);
    }

    private static double ClampBias(double bias, CalibratorOptions o) => double.IsFinite(bias) ? Math.Clamp(bias, -o.BiasCap, o.BiasCap) : 0.0;

    private static void Normalise(double[] w)
    {
        var sum = w.Sum();
        if (sum > 1e-9)
        {
            for (var i = 0; i < w.Length; i++)
            {
                w[i] /= sum;
            }
        }
    }

    /// <summary>The index of the greatest key at or before <paramref name="key"/>, or −1.</summary>
    private static int FloorIndex(IList<long> keys, long key)
    {
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] <= key)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
