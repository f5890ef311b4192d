namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// One symbol's liquidation zones (moonstream SPEC §8, the V3 <c>ActiveZoneManager</c>): CREATED → REINFORCED* →
/// SWEPT | EXPIRED, keyed by side and exact bucket tick. Pure and deterministic: the caller passes every input and the
/// time (epoch ms); the book returns the lifecycle events for the zone log and never calls another engine.
/// </summary>
/// <remarks>
/// Fixed against the old engine: a zone's weight is capped on creation too (§13 #9); sweep zones are created from the
/// tape's sweep result (§13 #8, <see cref="SweepZoneRule"/>); loading a snapshot decays the downtime and expires what
/// it should (§13 #24). A merge keeps the heavier zone's price, and now also the newer reinforcement time, the older
/// creation time and both reinforcement counts, so folding a fresh zone in does not make the survivor look stale.
/// </remarks>
public sealed class ZoneBook
{
    private const long MinuteMs = 60_000;

    private readonly BucketGrid _grid;
    private readonly ZoneOptions _options;
    private readonly SortedDictionary<long, ActiveZone> _long = [];
    private readonly SortedDictionary<long, ActiveZone> _short = [];
    private readonly Dictionary<ZoneRejection, long> _rejected = [];

    private long? _lastMinute;
    private long _created;
    private long _reinforced;
    private long _swept;
    private long _expired;
    private long _merged;
    private long _staleMinutes;
    private long _sweepZones;
    private long _cappedOnCreation;

    public ZoneBook(string symbol, BucketGrid grid, LeverageLadder ladder, ZoneOptions? options = null)
    {
        Symbol = symbol;
        _grid = grid;
        Ladder = ladder;
        _options = options ?? new ZoneOptions();
        _options.Validate();
    }

    public string Symbol { get; }

    public BucketGrid Grid => _grid;

    public ZoneOptions Options => _options;

    /// <summary>The symbol's ladder: its disabled tiers are refused and its tiers give the zone intensities.</summary>
    public LeverageLadder Ladder { get; private set; }

    /// <summary>The last minute whose maintenance ran (start, epoch ms), or null.</summary>
    public long? LastMinuteMs => _lastMinute;

    public int Count => _long.Count + _short.Count;

    /// <summary>Takes a new ladder (e.g. tiers enabled or disabled); existing zones keep their evidence.</summary>
    public void UseLadder(LeverageLadder ladder) => Ladder = ladder;

    /// <summary>
    /// Adds one piece of evidence (SPEC §8.2): the weight is scaled by the tier's zone intensity (1 without a tier) and
    /// the confidence; a new zone gets that weight capped at the maximum, an existing one adds 0.3 of it up to the cap.
    /// The tier's contribution is kept as a raw, uncapped sum (see <see cref="TierContribution"/>). A disabled tier, a
    /// weight that comes to zero, or a bad input changes nothing and is counted.
    /// </summary>
    public ZoneUpsert CreateOrReinforce(ZoneInput input, long nowMs)
    {
        if (Validate(input) is { } bad)
        {
            return Reject(bad);
        }

        var intensity = input.Tier is { } tier ? LeverageLadders.ZoneIntensity(tier, Ladder) : 1.0;
        var adjusted = input.Weight * intensity * input.Confidence;
        if (!(adjusted > 0))
        {
            return Reject(ZoneRejection.ZeroWeight);
        }

        var map = MapOf(input.Side);
        if (map.TryGetValue(input.Tick, out var zone))
        {
            var before = zone.Weight;
            zone.Weight = Math.Min(zone.Weight + (_options.ReinforcementFactor * adjusted), _options.MaxWeight);
            zone.LastReinforcedAtMs = Math.Max(zone.LastReinforcedAtMs, nowMs);
            zone.ReinforcementCount++;
            if (input.Tier is { } t)
            {
                zone.AddTier(t, adjusted);
            }

            zone.MixSource(input.Source);
            _reinforced++;
            return new ZoneUpsert(
                ZoneUpsertOutcome.Reinforced,
                new ZoneReinforced(nowMs, zone.Side, zone.Tick, PriceOf(zone), zone.Weight, zone.Source, zone.ReinforcementCount, before),
                null);
        }

        var capped = adjusted > _options.MaxWeight;
        zone = new ActiveZone(
            input.Side,
            input.Tick,
            Math.Min(adjusted, _options.MaxWeight),
            nowMs,
            nowMs,
            0,
            input.Source,
            input.Tier is { } first ? [new TierContribution(first, adjusted)] : []);
        map[input.Tick] = zone;
        _created++;
        if (capped)
        {
            _cappedOnCreation++;
        }

        if (input.Source == ZoneSource.Sweep)
        {
            _sweepZones++;
        }

        return new ZoneUpsert(
            ZoneUpsertOutcome.Created,
            new ZoneCreated(nowMs, zone.Side, zone.Tick, PriceOf(zone), zone.Weight, zone.Source, capped),
            null);
    }

    /// <summary>
    /// Closes a minute, in the old engine's order (SPEC §8.3, §3, §4.3): (1) sweep the zones the minute's range crossed;
    /// (2) decay every zone and expire the light ones and the old ones far from price; (3) create sweep zones from the
    /// tape's swept buckets; (4) apply the inference evidence; (5) multiply every weight by (1 − OI close factor);
    /// (6) merge neighbours per side, chaining. A minute not newer than the last one applied is refused (counted in
    /// <see cref="ZoneStats.StaleMinutes"/>) so a replayed message cannot decay twice. Without a finite positive high
    /// and low nothing is swept; without a positive price no zone expires for age.
    /// </summary>
    public ZoneMinuteResult OnMinute(ZoneMinute minute)
    {
        if (_lastMinute is { } last && minute.MinuteMs <= last)
        {
            _staleMinutes++;
            return new ZoneMinuteResult(minute.MinuteMs, false, 0, 0, 0, 0, false, [], []);
        }

        _lastMinute = minute.MinuteMs;
        var now = minute.EndMs;
        var events = new List<ZoneEvent>();
        var rejections = new List<ZoneRejection>();

        var swept = 0;
        if (minute.High > 0 && minute.Low > 0 && double.IsFinite(minute.High) && double.IsFinite(minute.Low))
        {
            swept = Sweep(now, minute.High, minute.Low, events);
        }

        var expired = DecayAndExpire(now, minute.Price, events);

        var sweepZones = 0;
        foreach (var bucket in minute.TapeSwept)
        {
            if (SweepZoneRule.From(bucket, _grid, _options) is { } input)
            {
                sweepZones += Apply(input, now, events, rejections) ? 1 : 0;
            }
        }

        foreach (var input in minute.Evidence)
        {
            Apply(input, now, events, rejections);
        }

        var closed = false;
        if (minute.CloseFactor != 0)
        {
            if (minute.CloseFactor is > 0 and < 1)
            {
                ApplyCloseFactor(minute.CloseFactor);
                closed = true;
            }
            else
            {
                rejections.Add(ZoneRejection.InvalidCloseFactor);
                CountRejection(ZoneRejection.InvalidCloseFactor);
            }
        }

        var merged = Merge(now, events);
        return new ZoneMinuteResult(minute.MinuteMs, true, swept, expired, sweepZones, merged, closed, rejections, events);
    }

    /// <summary>
    /// The active zones as the API serves them (SPEC §8.4): of one side or both; with a leverage range (a bound of 0 or
    /// less counts as not set, as the old API), only zones whose tiers inside [min, max] contributed at least 0.01 —
    /// tape-only zones have no tiers and are dropped by any leverage filter. Sorted by served weight descending, then
    /// by price and side so equal weights come in a stable order.
    /// </summary>
    public IReadOnlyList<ZoneView> GetActiveZones(LiquidationSide? side = null, int? minLeverage = null, int? maxLeverage = null)
    {
        var min = minLeverage is > 0 ? minLeverage : null;
        var max = maxLeverage is > 0 ? maxLeverage : null;
        var views = new List<ZoneView>();
        foreach (var zone in All())
        {
            if (side is { } s && zone.Side != s)
            {
                continue;
            }

            if (min is not null || max is not null)
            {
                var relevant = zone.Tiers.Where(t => (min is null || t.Tier >= min) && (max is null || t.Tier <= max)).Sum(t => t.Value);
                if (relevant < _options.MinLeverageContribution)
                {
                    continue;
                }
            }

            views.Add(new ZoneView(
                PriceOf(zone),
                zone.Side,
                Math.Round(zone.Weight, 4),
                zone.Weight,
                zone.CreatedAtMs,
                zone.LastReinforcedAtMs,
                zone.ReinforcementCount,
                zone.Source,
                zone.Tiers.Select(t => t with { Value = Math.Round(t.Value, 4) }).ToList()));
        }

        return views
            .OrderByDescending(v => v.Weight)
            .ThenBy(v => v.Price)
            .ThenBy(v => v.Side)
            .ToList();
    }

    /// <summary>The summary of SPEC §8.4; totals rounded to 2 dp as the old wire.</summary>
    public ZoneSummary GetSummary() => new(
        _long.Count,
        _short.Count,
        Math.Round(_long.Values.Sum(z => z.Weight), 2),
        Math.Round(_short.Values.Sum(z => z.Weight), 2),
        _created,
        _reinforced,
        _swept,
        _expired,
        _merged);

    public ZoneStats Stats() => new(
        _rejected.Values.Sum(),
        new Dictionary<ZoneRejection, long>(_rejected),
        _staleMinutes,
        _sweepZones,
        _cappedOnCreation);

    /// <summary>The whole book, full precision, for a persistent actor's snapshot.</summary>
    public ZoneSnapshot Snapshot(long savedAtMs) => new(
        ZoneSnapshot.CurrentVersion,
        Symbol,
        _grid.Step,
        savedAtMs,
        _lastMinute,
        new ZoneCounters(_created, _reinforced, _swept, _expired, _merged),
        All().Select(z => z.ToRecord()).ToList());

    /// <summary>
    /// Replaces the book with a snapshot and catches up the downtime (SPEC §13 #24; the old loader only dropped zones
    /// older than 240 min). The minutes missed are the whole minutes that closed after the snapshot's last minute and
    /// by <paramref name="nowMs"/> (a minute closes at its end): every weight, first cut to the cap, is multiplied by
    /// decay^minutes; when at least one minute was missed, a zone then below the minimum expires, and so does one not
    /// reinforced for longer than the maximum age when <paramref name="currentPrice"/> is known and more than 2 % away
    /// (without a price the first live minute judges age, as every minute does). The missed minutes count as applied, so a late message for one is refused.
    /// A snapshot of another symbol, step or layout is refused and the book left as it was.
    /// </summary>
    public ZoneLoadResult Load(ZoneSnapshot snapshot, long nowMs, double? currentPrice = null)
    {
        ZoneLoadError? error =
            snapshot.Version != ZoneSnapshot.CurrentVersion ? ZoneLoadError.UnsupportedVersion
            : !string.Equals(snapshot.Symbol, Symbol, StringComparison.Ordinal) ? ZoneLoadError.SymbolMismatch
            : snapshot.Step != _grid.Step ? ZoneLoadError.StepMismatch
            : null;
        if (error is not null)
        {
            return new ZoneLoadResult(error, snapshot.Zones.Count, Count, 0, 0, 0, []);
        }

        _long.Clear();
        _short.Clear();
        (_created, _reinforced, _swept, _expired, _merged) =
            (snapshot.Counters.Created, snapshot.Counters.Reinforced, snapshot.Counters.Swept, snapshot.Counters.Expired, snapshot.Counters.Merged);

        var lastMinute = snapshot.LastMinuteMs ?? (FloorMinute(snapshot.SavedAtMs) - MinuteMs);
        var minutesDown = Math.Max(0, FloorDiv(nowMs - lastMinute, MinuteMs) - 1);
        var factor = Math.Pow(_options.DecayPerMinute, minutesDown);
        _lastMinute = lastMinute + (minutesDown * MinuteMs);

        var expired = new List<ZoneExpired>();
        int capped = 0, skipped = 0;
        foreach (var record in snapshot.Zones)
        {
            var map = MapOf(record.Side);
            if (!IsValid(record) || map.ContainsKey(record.Tick))
            {
                skipped++;
                continue;
            }

            if (record.Weight > _options.MaxWeight)
            {
                capped++;
            }

            var zone = new ActiveZone(
                record.Side,
                record.Tick,
                Math.Min(record.Weight, _options.MaxWeight) * factor,
                record.CreatedAtMs,
                record.LastReinforcedAtMs,
                record.ReinforcementCount,
                record.Source,
                record.TierContributions);
            // The expiry checks are part of the catch-up: each missed minute would have run them after its decay. With
            // no minute missed the book is served exactly as saved (a zone the OI close factor left under the minimum
            // expires at the next minute's decay, as it would have without the restart).
            if (minutesDown > 0 && ExpiryOf(zone, nowMs, currentPrice ?? 0) is { } reason)
            {
                expired.Add(Expired(zone, nowMs, reason, atLoad: true));
                _expired++;
                continue;
            }

            map[record.Tick] = zone;
        }

        return new ZoneLoadResult(null, snapshot.Zones.Count, Count, minutesDown, capped, skipped, expired);
    }

    private bool Apply(ZoneInput input, long now, List<ZoneEvent> events, List<ZoneRejection> rejections)
    {
        var result = CreateOrReinforce(input, now);
        if (result.Event is { } e)
        {
            events.Add(e);
        }

        if (result.Rejection is { } r)
        {
            rejections.Add(r);
        }

        return result.Outcome != ZoneUpsertOutcome.Rejected;
    }

    private int Sweep(long now, double high, double low, List<ZoneEvent> events)
    {
        var count = 0;
        foreach (var (map, side) in Sides())
        {
            // A long zone is swept when the low reaches down to it, a short zone when the high reaches up to it.
            var crossed = map.Values
                .Where(z => side == LiquidationSide.Long ? low <= (double)PriceOf(z) : high >= (double)PriceOf(z))
                .ToList();
            foreach (var zone in crossed)
            {
                map.Remove(zone.Tick);
                events.Add(new ZoneSwept(
                    now, zone.Side, zone.Tick, PriceOf(zone), zone.Weight, zone.Source,
                    (now - zone.CreatedAtMs) / (double)MinuteMs, zone.ReinforcementCount, side == LiquidationSide.Long ? low : high));
            }

            count += crossed.Count;
        }

        _swept += count;
        return count;
    }

    private int DecayAndExpire(long now, double price, List<ZoneEvent> events)
    {
        var count = 0;
        foreach (var (map, _) in Sides())
        {
            var gone = new List<ActiveZone>();
            foreach (var zone in map.Values)
            {
                zone.Weight *= _options.DecayPerMinute;
                if (ExpiryOf(zone, now, price) is { } reason)
                {
                    events.Add(Expired(zone, now, reason, atLoad: false));
                    gone.Add(zone);
                }
            }

            foreach (var zone in gone)
            {
                map.Remove(zone.Tick);
            }

            count += gone.Count;
        }

        _expired += count;
        return count;
    }

    private ZoneExpiryReason? ExpiryOf(ActiveZone zone, long now, double price)
    {
        if (zone.Weight < _options.MinWeight)
        {
            return ZoneExpiryReason.BelowMinWeight;
        }

        var ageMinutes = (now - zone.LastReinforcedAtMs) / (double)MinuteMs;
        if (ageMinutes > _options.MaxAgeMinutes && price > 0 && double.IsFinite(price)
            && Math.Abs((double)PriceOf(zone) - price) / price > _options.ExpirationPriceDistancePct)
        {
            return ZoneExpiryReason.AgedAndDistant;
        }

        return null;
    }

    private ZoneExpired Expired(ActiveZone zone, long now, ZoneExpiryReason reason, bool atLoad) => new(
        now, zone.Side, zone.Tick, PriceOf(zone), zone.Weight, zone.Source,
        (now - zone.CreatedAtMs) / (double)MinuteMs, (now - zone.LastReinforcedAtMs) / (double)MinuteMs, reason, atLoad);

    // Every zone, tape ones included: open interest closing removes positions wherever they were (SPEC §4.3 step 7).
    private void ApplyCloseFactor(double closeFactor)
    {
        foreach (var zone in All())
        {
            zone.Weight *= 1 - closeFactor;
        }
    }

    private int Merge(long now, List<ZoneEvent> events)
    {
        var count = 0;
        foreach (var (map, _) in Sides())
        {
            var zones = map.Values.ToList();
            var i = 0;
            while (i < zones.Count - 1)
            {
                var (a, b) = (zones[i], zones[i + 1]);
                var (pa, pb) = (PriceOf(a), PriceOf(b));
                if (Math.Abs(pa - pb) / ((pa + pb) / 2) > _options.ClusterDistancePct)
                {
                    i++;
                    continue;
                }

                // The heavier zone survives at its own price (the lower-priced one on a tie); the chain then compares
                // the survivor with the next neighbour, from the same index.
                var (keep, gone) = a.Weight >= b.Weight ? (a, b) : (b, a);
                keep.Weight = Math.Min(keep.Weight + gone.Weight, _options.MaxWeight);
                foreach (var t in gone.Tiers)
                {
                    keep.AddTier(t.Tier, t.Value);
                }

                keep.MixSource(gone.Source);
                keep.CreatedAtMs = Math.Min(keep.CreatedAtMs, gone.CreatedAtMs);
                keep.LastReinforcedAtMs = Math.Max(keep.LastReinforcedAtMs, gone.LastReinforcedAtMs);
                keep.ReinforcementCount += gone.ReinforcementCount;
                map.Remove(gone.Tick);
                zones.Remove(gone);
                events.Add(new ZoneMerged(now, gone.Side, gone.Tick, PriceOf(gone), gone.Weight, gone.Source, keep.Tick, keep.Weight));
                count++;
            }
        }

        _merged += count;
        return count;
    }

    private ZoneRejection? Validate(ZoneInput input)
    {
        if (!(input.Weight >= 0) || !double.IsFinite(input.Weight))
        {
            return ZoneRejection.InvalidWeight;
        }

        if (!(input.Confidence is >= 0 and <= 1))
        {
            return ZoneRejection.InvalidConfidence;
        }

        if (input.Tick <= 0)
        {
            return ZoneRejection.InvalidTick;
        }

        return input.Tier is { } tier && Ladder.Disabled.Contains(tier) ? ZoneRejection.DisabledTier : null;
    }

    private static bool IsValid(ZoneRecord r) =>
        r.Tick > 0 && r.Weight >= 0 && double.IsFinite(r.Weight) && r.ReinforcementCount >= 0
        && r.TierContributions.All(t => double.IsFinite(t.Value));

    private ZoneUpsert Reject(ZoneRejection reason)
    {
        CountRejection(reason);
        return new ZoneUpsert(ZoneUpsertOutcome.Rejected, null, reason);
    }

    private void CountRejection(ZoneRejection reason) => _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;

    private decimal PriceOf(ActiveZone zone) => _grid.PriceOf(zone.Tick);

    private SortedDictionary<long, ActiveZone> MapOf(LiquidationSide side) => side == LiquidationSide.Long ? _long : _short;

    private IEnumerable<(SortedDictionary<long, ActiveZone> Map, LiquidationSide Side)> Sides()
    {
        yield return (_long, LiquidationSide.Long);
        yield return (_short, LiquidationSide.Short);
    }

    /// <summary>Long zones then short zones, each ascending by price: the one deterministic order of the book.</summary>
    private IEnumerable<ActiveZone> All() => _long.Values.Concat(_short.Values);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long FloorMinute(long ms) => FloorDiv(ms, MinuteMs) * MinuteMs;
}
