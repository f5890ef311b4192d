using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Api;
using ActorBot.Domain.Liquidations.Heatmap;
using ActorBot.Domain.Liquidations.Inference;
using ActorBot.Domain.Liquidations.Tape;
using ActorBot.Domain.Liquidations.Zones;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// <c>/user/bot/{symbol}/liquidations</c>: a thin shell around the symbol's pure engines — the <see cref="MinuteClock"/>
/// (trades and open interest in, one <see cref="MinuteClosed"/> per completed minute out, moonstream SPEC §15.2), the
/// <see cref="LiquidationTape"/>, the <see cref="EntryInference"/> and the <see cref="LiquidationHeatmapV2"/>. On each
/// closed minute it runs them in the spec's order (§10.2): tape decay and sweep, then the inference's minute, then
/// the zone inputs to <c>/zones</c> (the tape's sweep, the minute's prints and projections, the OI close factor), then
/// the calibrator's snapshot to <c>/calibrator</c> when one runs. A minute closes on a later trade or on its timer
/// (a quiet market still rolls). Bad input is counted, never thrown to the supervisor.
/// </summary>
public sealed class LiquidationsActor : ReceiveActor, IWithTimers
{
    // How often the timer asks the minute clock to close a minute whose end (+ grace) has passed on the feed's clock.
    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(1);

    private readonly string _symbol;
    private readonly string _wireSymbol;
    private readonly IActorRef _zones;
    private readonly IActorRef? _calibrator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly MinuteClock _clock;
    private readonly LiquidationTape _tape;
    private readonly EntryInference _inference;
    private readonly LiquidationHeatmapV2 _heatmap;
    private readonly List<ZoneInput> _prints = [];
    private readonly Dictionary<string, double> _oiByVenue = new(StringComparer.Ordinal);
    private ZoneManagerWireStats _zoneStats = ZoneManagerWireStats.Empty;
    private long _lastTradeTs = long.MinValue;
    private long _lastTradeArrivalMs;
    private double? _lastOi;
    private double? _lastMark;
    private MinuteClosed? _lastMinute;
    private long _minutesClosed;
    private long _badTrades;
    private long _badMinutes;
    private long _wrongSymbol;
    private long _badOpenInterest;
    private long _refusedWeights;
    private long _weightsApplied;
    private int _longPools;
    private int _shortPools;
    private readonly LiquidationHistoryStore _history;
    private readonly LiquidationEventBuffer _events = new();
    private long? _lastOiSampleMs;

    /// <param name="calibrator">the symbol's /calibrator (gets a <see cref="LiquidationMinuteSnapshot"/> per minute); null: none runs yet.</param>
    /// <param name="historyDirectory">where <c>liq_heatmap_v2_{BASE}.bin</c> lives (the state dir); null: the history is kept in memory only.</param>
    public LiquidationsActor(string symbol, BucketGrid grid, TimeSpan minuteCloseGrace, IActorRef zones, IActorRef? calibrator = null, string? historyDirectory = null)
    {
        _symbol = symbol;
        // The wire (and the old logs) name the base asset: "BTC".
        _wireSymbol = LeverageLadders.BaseOf(symbol);
        _zones = zones;
        _calibrator = calibrator;
        var ladder = LeverageLadders.ForBase(_wireSymbol);
        _clock = new MinuteClock(symbol, (long)minuteCloseGrace.TotalMilliseconds);
        _tape = new LiquidationTape(symbol, grid, ladder);
        _inference = new EntryInference(symbol, grid, ladder);
        _heatmap = new LiquidationHeatmapV2(_wireSymbol, grid);
        _history = new LiquidationHistoryStore(historyDirectory, _wireSymbol, w => _log.Warning("{0}: {1}", _symbol, w));

        Receive<TradeBatch>(OnTrades);
        Receive<LiquidationReceived>(OnLiquidation);
        Receive<OpenInterestSampled>(OnOpenInterest);
        Receive<MarkPriceSampled>(m =>
        {
            if (double.IsFinite(m.MarkPrice) && m.MarkPrice > 0)
            {
                _lastMark = m.MarkPrice;
            }
        });
        Receive<MinuteTick>(_ =>
        {
            Close(_clock.Advance(FeedNowMs()));
            FlushHistory();
        });
        Receive<ZoneCountersChanged>(m => _zoneStats = m.Stats);
        Receive<UpdateLeverageWeights>(OnWeights);
        Receive<GetLiquidationSnapshot>(_ => Sender.Tell(Snapshot()));
        // The HTTP API's questions (moonstream SPEC §11): the minute history, the recent events, the OI per venue.
        Receive<GetLiquidationHistory>(_ => Sender.Tell(new LiquidationHistory(_symbol, _history.Frames)));
        Receive<GetLiquidationEvents>(m => Sender.Tell(new LiquidationEvents(_symbol, _events.Query(m.SinceTsMs, m.Limit))));
        Receive<GetOpenInterest>(_ => Sender.Tell(new OpenInterestState(_symbol, new Dictionary<string, double>(_oiByVenue, StringComparer.Ordinal), _lastOi, _lastOiSampleMs)));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, Summary()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("minute-tick", MinuteTick.Instance, TickEvery);

    protected override void PostStop()
    {
        FlushHistory();
        _history.Dispose();
    }

    private void FlushHistory() => _history.Flush(w => _log.Warning("{0}: {1}", _symbol, w));

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    /// <summary>
    /// The feed's clock: the last trade's exchange time plus the wall time since it arrived. Minutes are the trades'
    /// minutes, so the timer and the OI samples must use their clock, not the wall: a replay (sped up, or of an old
    /// day) runs ahead of or behind the wall, and live they agree.
    /// </summary>
    private long FeedNowMs() => _lastTradeTs == long.MinValue ? long.MinValue : _lastTradeTs + Math.Max(0, NowMs - _lastTradeArrivalMs);

    private void OnTrades(TradeBatch batch)
    {
        var trades = batch.Trades.Span;
        for (var i = 0; i < trades.Length; i++)
        {
            var t = trades[i];
            IReadOnlyList<MinuteClosed> closed;
            try
            {
                closed = _clock.OnTrade(t.TimestampMs, t.Price, t.Quantity, t.IsBuyerMaker);
            }
            catch (ArgumentOutOfRangeException)
            {
                _badTrades++;
                continue;
            }

            _lastTradeTs = Math.Max(_lastTradeTs, t.TimestampMs);
            Close(closed);
        }

        if (trades.Length > 0)
        {
            _lastTradeArrivalMs = NowMs;
        }
    }

    private void OnLiquidation(LiquidationReceived m)
    {
        if (!string.Equals(m.Event.Symbol, _symbol, StringComparison.Ordinal))
        {
            _wrongSymbol++;
            return;
        }

        // The offset sample is learned against the projection's entry near the print (one shared implied-price rule).
        var (bucket, _) = _tape.OnLiquidationAgainst(m.Event, (side, tick) => _inference.EntryEstimate(side, tick));
        _events.Add(m.Event);
        _prints.Add(ZoneInput.FromTape(bucket, m.Event.NotionalUsd));
    }

    private void OnOpenInterest(OpenInterestSampled m)
    {
        if (!double.IsFinite(m.OpenInterestBase) || m.OpenInterestBase < 0)
        {
            _badOpenInterest++;
            return;
        }

        // The symbol's open interest is the sum over its venues, each at its latest sample (base units, so they add).
        _oiByVenue[m.Venue] = m.OpenInterestBase;
        var total = _oiByVenue.Values.Sum();
        var at = FeedNowMs();
        _clock.OnOpenInterest(at == long.MinValue ? m.TimeMs : at, total);
        _lastOi = total;
        _lastOiSampleMs = m.TimeMs;
    }

    private void OnWeights(UpdateLeverageWeights m)
    {
        try
        {
            _inference.UpdateWeights(m.WeightsByTier, m.Buffer);
            _weightsApplied++;
        }
        catch (ArgumentException e)
        {
            _refusedWeights++;
            _log.Warning("{0}: leverage weights refused: {1}", _symbol, e.Message);
        }
    }

    private void Close(IReadOnlyList<MinuteClosed> closed)
    {
        foreach (var minute in closed)
        {
            OnMinute(minute);
        }
    }

    /// <summary>One completed minute, in the spec's order (§10.2 step 2, 4, 9; zones as §15.7).</summary>
    private void OnMinute(MinuteClosed minute)
    {
        var tape = _tape.OnMinute(minute);
        InferenceMinute inferred;
        try
        {
            inferred = _inference.OnMinute(minute);
        }
        catch (ArgumentException e)
        {
            // A minute without a valid price or OI: the tape has decayed, the rest waits for a good minute.
            _badMinutes++;
            _log.Warning("{0}: minute {1} skipped by the inference: {2}", _symbol, minute.MinuteMs, e.Message);
            return;
        }

        _minutesClosed++;
        var previousOi = _lastMinute?.OpenInterest;
        _lastMinute = minute;
        var evidence = new List<ZoneInput>(_prints.Count + inferred.Projected.Count);
        evidence.AddRange(_prints);
        _prints.Clear();
        evidence.AddRange(inferred.Projected.Select(p => ZoneInput.FromInference(p.Tick, p.Side, p.ContribUsd, p.Tier, p.Confidence)));
        _zones.Tell(new ZoneMinuteInput(_symbol, ZoneMinute.From(minute, tape, evidence, inferred.CloseFactor)));

        var tapeMaps = TapeMaps();
        var projection = new SourceMaps(_inference.ProjectionUsd(LiquidationSide.Long), _inference.ProjectionUsd(LiquidationSide.Short));
        if (_calibrator is { } calibrator)
        {
            var raw = _heatmap.Raw(tapeMaps, projection);
            var oiDelta = minute.OpenInterest is { } oi && previousOi is { } before ? oi - before : 0;
            calibrator.Tell(new LiquidationMinuteSnapshot(_symbol, minute, raw.Long, raw.Short, _inference.ProjectionWeights, _inference.Buffer, oiDelta));
        }

        var src = Src(minute);
        var (longPools, shortPools, _, _) = _heatmap.Pools(src, tapeMaps, projection, _heatmap.Display(tapeMaps, projection));
        _longPools = longPools.Count;
        _shortPools = shortPools.Count;
        RecordHistory();
    }

    /// <summary>One history record per closed minute, stamped on the feed's clock (a replay's minutes stay distinct).</summary>
    private void RecordHistory()
    {
        var feedNow = FeedNowMs();
        if (Snapshot(feedNow == long.MinValue ? NowMs : feedNow).Snapshot is { } snapshot)
        {
            _history.Add(snapshot);
        }
    }

    private static double Src(MinuteClosed m) => (m.Open + m.High + m.Low + m.Close) / 4.0;

    private SourceMaps TapeMaps()
    {
        var map = _tape.GetHeatmap();
        return new SourceMaps(map.Long.ToDictionary(b => b.Tick, b => b.NotionalUsd), map.Short.ToDictionary(b => b.Tick, b => b.NotionalUsd));
    }

    private LiquidationSnapshot Snapshot() => Snapshot(NowMs) with { LastInputMs = _lastTradeArrivalMs == 0 ? null : _lastTradeArrivalMs };

    private LiquidationSnapshot Snapshot(long atMs)
    {
        var src = _lastMinute is { } m ? Src(m) : _lastMark;
        if (src is not { } center || !(center > 0))
        {
            return new LiquidationSnapshot(_symbol, null, "no minute closed and no mark price yet");
        }

        var stats = _tape.Stats();
        var tapeStats = new TapeWireStats
        {
            Symbol = _wireSymbol,
            TotalEvents = stats.TotalEvents,
            TotalLongNotional = stats.LongNotionalUsd,
            TotalShortNotional = stats.ShortNotionalUsd,
            LongBuckets = stats.LongBuckets,
            ShortBuckets = stats.ShortBuckets,
            EventsInWindow = stats.EventsHeld,
            OffsetSamplesByLev = _tape.OffsetSampleCounts().ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
        };
        var snapshot = _heatmap.Snapshot(new HeatmapV2Input(atMs / 1000.0, center, TapeMaps(), _inference, tapeStats, stats.TotalEvents, _zoneStats));
        return new LiquidationSnapshot(_symbol, snapshot, null);
    }

    private object Summary()
    {
        var stats = _tape.Stats();
        return new
        {
            symbol = _symbol,
            step = _tape.Grid.Step,
            lastMinuteMs = _lastMinute?.MinuteMs,
            openMinuteMs = _clock.OpenMinuteMs,
            minutesClosed = _minutesClosed,
            liquidations = stats.TotalEvents,
            tapeLongBuckets = stats.LongBuckets,
            tapeShortBuckets = stats.ShortBuckets,
            projectedLongBuckets = _inference.Buckets(LiquidationSide.Long).Count,
            projectedShortBuckets = _inference.Buckets(LiquidationSide.Short).Count,
            inferences = _inference.TotalInferences,
            longPools = _longPools,
            shortPools = _shortPools,
            zones = _zoneStats.ActiveZonesLong + _zoneStats.ActiveZonesShort,
            openInterestBase = _lastOi,
            openInterestVenues = _oiByVenue.Count,
            markPrice = _lastMark,
            badTrades = _badTrades,
            lateTrades = _clock.LateTrades,
            skippedMinutes = _clock.SkippedMinutes,
            badMinutes = _badMinutes,
            badOpenInterest = _badOpenInterest,
            wrongSymbol = _wrongSymbol,
            refusedWeights = _refusedWeights,
            weightsApplied = _weightsApplied,
            // The ladder's tier weights and buffer the inference holds (the calibrator's, once it has sent them).
            leverageWeights = _inference.Ladder.Tiers.Select((t, i) => (t, i)).ToDictionary(x => x.t.ToString(System.Globalization.CultureInfo.InvariantCulture), x => _inference.Ladder.Weights[x.i]),
            leverageBuffer = _inference.Buffer,
            calibrator = _calibrator is not null,
            historyFrames = _history.Count,
            historyLoaded = _history.Loaded,
            historyDiskErrors = _history.DiskErrors,
            historyPending = _history.Pending,
            eventsHeld = _events.Count,
        };
    }
}
