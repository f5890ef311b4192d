using ActorBot.Data.Heatmaps;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// <c>/user/bot/{symbol}/book</c>: a thin shell around the symbol's <see cref="OrderBookSynchronizer"/> and
/// <see cref="ObFrameAccumulator"/> (SPEC §9). Diffs come from the venue market actor that received them; the first one
/// (and every sequence break, counted) makes it ask THAT market actor for THIS symbol's REST snapshot, and a snapshot of
/// any other symbol is refused and counted (SPEC §13 #1). Frames are taken on the 30 s slot boundaries of the feed's
/// clock: a diff whose event time passes a boundary first takes the frame of the book as it stood there, and a single
/// timer keyed to the next boundary (+ a grace) takes it when no diff arrives (a quiet market). Each frame is appended to
/// the fsynced ring file <c>ob_heatmap_30s_{SYMBOL}.bin</c> off the actor's thread (one write in flight; frames taken
/// meanwhile go in the next write with one fsync, so a 1000× replay's 33 frames a second never stall the actor), held in memory as its 2 KB record (the last
/// <see cref="BookSettings.FramesHeld"/>, reloaded from the file at start) and the stats file
/// <c>ob_recon_stats_{SYMBOL}.json</c> is replaced atomically. File errors are logged and counted, never thrown.
/// </summary>
public sealed class BookActor : ReceiveActor, IWithTimers
{
    private const string FrameTimerKey = "frame";
    private const string SnapshotTimerKey = "snapshot";
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(30);

    private readonly string _symbol;
    private readonly BookSettings _settings;
    private readonly OrderBookSynchronizer _sync;
    private readonly ObFrameAccumulator _frames;
    private readonly Queue<ObHeatmapRecord> _held = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly KeyValuePair<string, object?> _tag;
    private HeatmapRecordFile<ObHeatmapRecord>? _file;
    private SymbolStatsFile? _statsFile;
    private IActorRef? _market;
    private bool _snapshotInFlight;
    private decimal? _mark;
    private long? _lastEventMs;
    private long? _lastAppliedMs;
    private long _armedBoundary = long.MinValue;
    private long _armedDueMs = long.MaxValue;
    private long _lastFrameBoundary = long.MinValue;
    private long _resyncsReported;
    private long _otherSymbolDiffs;
    private long _otherSymbolSnapshots;
    private long _snapshotRequests;
    private long _snapshotFailures;
    private long _fileErrors;
    private long _reloaded;
    private long _refusedAtLoad;
    private long _tornBytesAtLoad;
    private string? _lastSnapshotError;
    private readonly List<ObHeatmapRecord> _pendingWrites = [];
    private Task? _write;

    public BookActor(string symbol, ObFrameOptions options, BookSettings settings)
    {
        _symbol = symbol;
        _settings = settings;
        _sync = new OrderBookSynchronizer(symbol);
        _frames = new ObFrameAccumulator(options);
        _tag = new KeyValuePair<string, object?>("symbol", symbol);

        Receive<DepthDiffReceived>(OnDiff);
        Receive<DepthSnapshotFetched>(OnSnapshot);
        Receive<MarkPriceSampled>(m => m.Symbol == _symbol, m =>
        {
            if (double.IsFinite(m.MarkPrice) && m.MarkPrice is > 0 and < 1e15)
            {
                _mark = (decimal)m.MarkPrice;
            }
        });
        Receive<FrameDue>(OnFrameDue);
        Receive<FramesWritten>(m =>
        {
            _write = null;
            if (m.Error is not null)
            {
                _fileErrors++;
                _log.Error("{0}: writing {1} book frames failed: {2}", _symbol, m.Count, m.Error);
            }

            StartWrite();
        });
        Receive<RetrySnapshot>(_ =>
        {
            if (_snapshotInFlight)
            {
                // The request timed out: the market actor never answered (stopped, or its venue hung).
                _snapshotInFlight = false;
                _snapshotFailures++;
                _lastSnapshotError = $"no answer within {SnapshotTimeout.TotalSeconds:0} s";
            }

            RequestSnapshot();
        });
        Receive<GetBookFrames>(m => m.Symbol == _symbol, m => Sender.Tell(new BookFrames(_symbol, Frames(m.MaxFrames))));
        Receive<GetBookStats>(m => m.Symbol == _symbol, _ => Sender.Tell(Stats()));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, Probe()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _statsFile = new SymbolStatsFile(_settings.Directory, "ob_recon_stats", _symbol);
        try
        {
            _file = HeatmapRecordFiles.OrderBook(_settings.Directory, _symbol);
            var load = _file.LoadLast(_settings.FramesHeld);
            foreach (var record in load.Records)
            {
                Hold(record);
                _lastFrameBoundary = Math.Max(_lastFrameBoundary, ((long)record.Ts + ObFrameOptions.SlotSeconds) * 1000);
            }

            _reloaded = load.Records.Count;
            _refusedAtLoad = load.Refused.Values.Sum();
            _tornBytesAtLoad = load.TornBytes;
            if (load.TornBytes > 0 || _refusedAtLoad > 0)
            {
                _log.Warning("{0}: book frames file {1}: cut a torn last record of {2} bytes, refused {3} records", _symbol, _file.Ring.Path, load.TornBytes, _refusedAtLoad);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Frames are still taken and held; only their file is missing (counted, on the probe).
            _fileErrors++;
            _file?.Dispose();
            _file = null;
            _log.Error("{0}: cannot open the book frames file under {1}: {2}", _symbol, _settings.Directory, e.Message);
        }
    }

    protected override void PostStop()
    {
        // A restart must find every frame taken: wait (bounded) for the write in flight, then write what is left.
        try
        {
            _write?.Wait(TimeSpan.FromSeconds(10));
            if (_pendingWrites.Count > 0)
            {
                _file?.AppendBatch(_pendingWrites);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AggregateException)
        {
            _log.Error("{0}: writing the last book frames at stop failed: {1}", _symbol, e.Message);
        }

        _file?.Dispose();
    }

    private void OnDiff(DepthDiffReceived m)
    {
        if (m.Symbol != _symbol)
        {
            _otherSymbolDiffs++;
            return;
        }

        _market = m.Market;
        var eventMs = m.Header.EventTimeMs;

        // The book as it stands now is the book at every boundary between the previous diff and this one.
        if (_lastEventMs is { } previous && eventMs > previous)
        {
            TakeFramesThrough(ObFrameAccumulator.BoundaryAtOrBefore(eventMs), previous);
        }

        var outcome = _sync.OnDiff(m.Header, m.Bids, m.Asks);
        if (outcome == BookSyncOutcome.Applied)
        {
            _lastAppliedMs = eventMs;
        }

        _lastEventMs = Math.Max(_lastEventMs ?? eventMs, eventMs);
        ReportResyncs();
        if (_sync.NeedsSnapshot)
        {
            RequestSnapshot();
        }

        ArmFrameTimer(_lastEventMs.Value);
    }

    private void OnSnapshot(DepthSnapshotFetched m)
    {
        if (m.Symbol != _symbol)
        {
            // Never another symbol's book (the old reconstructor seeded ETH and SOL with BTC's snapshot).
            _otherSymbolSnapshots++;
            _log.Warning("{0}: refused a depth snapshot of {1}", _symbol, m.Symbol);
            return;
        }

        _snapshotInFlight = false;
        Timers.Cancel(SnapshotTimerKey);
        if (m.Snapshot is not { } snapshot)
        {
            _snapshotFailures++;
            _lastSnapshotError = m.Error;
            _log.Warning("{0}: depth snapshot failed ({1}); asking again in {2}", _symbol, m.Error, _settings.SnapshotRetry);
            Timers.StartSingleTimer(SnapshotTimerKey, RetrySnapshot.Instance, _settings.SnapshotRetry);
            return;
        }

        _sync.OnSnapshot(snapshot.LastUpdateId, snapshot.Bids, snapshot.Asks);
        ReportResyncs();
        if (_sync.NeedsSnapshot)
        {
            // The buffered diffs broke against it already: the next one waits a little, so a venue serving stale
            // snapshots is not asked at the diff rate (each weighs 20).
            Timers.StartSingleTimer(SnapshotTimerKey, RetrySnapshot.Instance, _settings.SnapshotRetry);
        }
    }

    private void OnFrameDue(FrameDue m)
    {
        // A diff past the boundary took it already; a quiet feed did not: the book now is the book at the boundary.
        if (_lastEventMs is not { } last || last < m.BoundaryMs)
        {
            TakeFramesThrough(m.BoundaryMs, m.BoundaryMs - ObFrameOptions.SlotMilliseconds);
            _lastEventMs = m.BoundaryMs;
            ArmFrameTimer(m.BoundaryMs);
        }
    }

    // Every boundary in (after, through], oldest first, at most as many as are held (a long silence is not a loop).
    private void TakeFramesThrough(long through, long after)
    {
        var first = Math.Max(ObFrameAccumulator.BoundaryAtOrBefore(after) + ObFrameOptions.SlotMilliseconds, _lastFrameBoundary + ObFrameOptions.SlotMilliseconds);
        first = Math.Max(first, through - ((long)(_settings.FramesHeld - 1) * ObFrameOptions.SlotMilliseconds));
        for (var boundary = first; boundary <= through; boundary += ObFrameOptions.SlotMilliseconds)
        {
            TakeFrame(boundary);
        }
    }

    private void TakeFrame(long boundary)
    {
        _lastFrameBoundary = boundary;
        var result = _frames.TakeFrame(_sync, _mark, boundary);
        if (result.Frame is not { } frame)
        {
            return;
        }

        var record = ObHeatmapRecordCodec.FromFrame(frame);
        Hold(record);
        _metrics.BookFrames.Add(1, _tag);
        _pendingWrites.Add(record);
        StartWrite();
    }

    // One write at a time, on the thread pool: the fsync (tens of ms on a busy disk) never blocks the actor.
    private void StartWrite()
    {
        if (_write is not null || _pendingWrites.Count == 0)
        {
            return;
        }

        var batch = _pendingWrites.ToArray();
        _pendingWrites.Clear();
        var file = _file;
        var statsFile = _statsFile;
        var stats = ReconstructorStats();
        _write = Task.Run(() =>
        {
            file?.AppendBatch(batch);
            statsFile?.Write(stats, StatsJson.Options);
        });
        _write.PipeTo(Self, success: () => new FramesWritten(batch.Length, null), failure: e => new FramesWritten(batch.Length, e.GetBaseException().Message));
    }

    private void ArmFrameTimer(long feedNowMs)
    {
        // Due at the next boundary of the feed's clock (+ grace), measured from now on the scheduler's clock: live that is
        // the wall clock; a fast replay passes the boundary by diffs first. Re-armed when the boundary changes, or when
        // the feed moved on enough that the boundary is due a second or more sooner (not on every diff).
        var next = ObFrameAccumulator.BoundaryAtOrBefore(feedNowMs) + ObFrameOptions.SlotMilliseconds;
        var delay = TimeSpan.FromMilliseconds(next - feedNowMs) + _settings.FrameGrace;
        var dueMs = Context.System.Scheduler.Now.ToUnixTimeMilliseconds() + (long)delay.TotalMilliseconds;
        if (next == _armedBoundary && dueMs > _armedDueMs - 1_000)
        {
            return;
        }

        _armedBoundary = next;
        _armedDueMs = dueMs;
        Timers.StartSingleTimer(FrameTimerKey, new FrameDue(next), delay);
    }

    private void RequestSnapshot()
    {
        if (_snapshotInFlight || _market is null)
        {
            return;
        }

        _snapshotInFlight = true;
        _snapshotRequests++;
        _market.Tell(new DepthSnapshotRequested(_symbol, _settings.SnapshotLimit), Self);
        Timers.StartSingleTimer(SnapshotTimerKey, RetrySnapshot.Instance, SnapshotTimeout);
    }

    private void ReportResyncs()
    {
        var resyncs = _sync.Counters.Resyncs;
        if (resyncs > _resyncsReported)
        {
            _metrics.BookResyncs.Add(resyncs - _resyncsReported, _tag);
            _log.Info("{0}: order book sequence break, resyncing (resyncs {1})", _symbol, resyncs);
            _resyncsReported = resyncs;
        }
    }

    private void Hold(ObHeatmapRecord record)
    {
        _held.Enqueue(record);
        while (_held.Count > _settings.FramesHeld)
        {
            _held.Dequeue();
        }
    }

    private List<ObFrame> Frames(int maxFrames)
    {
        var take = Math.Clamp(maxFrames, 0, _held.Count);
        var frames = new List<ObFrame>(take);
        foreach (var record in _held.Skip(_held.Count - take))
        {
            frames.Add(ObFrameFromRecord.ToFrame(_symbol, record));
        }

        return frames;
    }

    private BookStats Stats() =>
        new(_symbol, _file?.Ring.Stats, _held.Count, _sync.Counters, _lastAppliedMs);

    // SPEC §9.1's get_stats() fields this synchroniser has (written per symbol, atomically, at each frame).
    private object ReconstructorStats()
    {
        var c = _sync.Counters;
        return new
        {
            symbol = _symbol,
            state = _sync.State.ToString(),
            synced = _sync.State == BookSyncState.Synced,
            last_applied_u = _sync.LastUpdateId,
            levels_bid = _sync.Book.Bids.Count,
            levels_ask = _sync.Book.Asks.Count,
            best_bid = _sync.Book.Bids.Best?.PriceDecimal,
            best_ask = _sync.Book.Asks.Best?.PriceDecimal,
            resyncs = c.Resyncs,
            snapshots = c.Snapshots,
            diffs_buffered = _sync.BufferedCount,
            diffs_applied = c.Applied,
            diffs_discarded = c.Dropped,
            pu_gap_count = c.Gaps,
            last_update_ts = _lastAppliedMs,
            frames_taken = _frames.FramesTaken,
            written_at = Context.System.Scheduler.Now.ToUnixTimeMilliseconds(),
        };
    }

    private object Probe() => new
    {
        state = _sync.State.ToString(),
        lastUpdateId = _sync.LastUpdateId,
        buffered = _sync.BufferedCount,
        counters = _sync.Counters,
        lastAppliedMs = _lastAppliedMs,
        bestBid = _sync.Book.Bids.Best?.PriceDecimal,
        bestAsk = _sync.Book.Asks.Best?.PriceDecimal,
        framesTaken = _frames.FramesTaken,
        framesHeld = _held.Count,
        framesSkipped = Enum.GetValues<ObFrameSkip>().Where(s => s != ObFrameSkip.None && _frames.SkipCount(s) > 0).ToDictionary(s => s.ToString(), _frames.SkipCount),
        lastFrameBoundaryMs = _lastFrameBoundary == long.MinValue ? (long?)null : _lastFrameBoundary,
        snapshotRequests = _snapshotRequests,
        snapshotFailures = _snapshotFailures,
        lastSnapshotError = _lastSnapshotError,
        otherSymbolDiffs = _otherSymbolDiffs,
        otherSymbolSnapshots = _otherSymbolSnapshots,
        reloadedFrames = _reloaded,
        refusedAtLoad = _refusedAtLoad,
        tornBytesAtLoad = _tornBytesAtLoad,
        fileErrors = _fileErrors,
        buffer = _file?.Ring.Stats,
    };

    private sealed record FrameDue(long BoundaryMs);

    private sealed record FramesWritten(int Count, string? Error);

    private sealed record RetrySnapshot
    {
        public static readonly RetrySnapshot Instance = new();
    }

    private static class StatsJson
    {
        public static readonly System.Text.Json.JsonSerializerOptions Options = new() { WriteIndented = false };
    }
}
