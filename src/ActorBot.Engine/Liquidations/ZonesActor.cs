using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Heatmap;
using ActorBot.Domain.Liquidations.Zones;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// <c>/user/bot/{symbol}/zones</c>: a persistent shell around the symbol's <see cref="ZoneBook"/> (moonstream SPEC §8:
/// CREATED → REINFORCED → SWEPT | EXPIRED) on the service's journal (<c>zones-{symbol}</c>). It applies each
/// <see cref="ZoneMinuteInput"/> from /liquidations, and every N applied minutes saves the whole book as a snapshot
/// (our serializer) and deletes the older ones; a clean stop saves the latest book too (<see cref="ShutdownFlush"/>), so a
/// restart loses nothing (a kill loses at most the minutes since the last snapshot). On recovery the book is loaded with catch-up decay for the minutes the
/// service was down (SPEC §13 #24). A snapshot of another symbol or grid is refused (logged) and the book starts empty.
/// </summary>
public sealed class ZonesActor : SnapshotStateActor
{
    private readonly string _symbol;
    private readonly int _snapshotEvery;
    private readonly ZoneBook _book;
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ZoneSnapshot? _recovered;
    private ZoneLoadResult? _load;
    private int _minutesSinceSnapshot;
    private long _minutesApplied;
    private long _badInputs;
    private long? _lastSnapshotMinute;

    public ZonesActor(string symbol, BucketGrid grid, int snapshotEveryMinutes)
    {
        _symbol = symbol;
        _snapshotEvery = snapshotEveryMinutes;
        _book = new ZoneBook(symbol, grid, LeverageLadders.ForBase(LeverageLadders.BaseOf(symbol)));
        PersistenceId = $"zones-{symbol}";

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ZonesSnapshot snapshot)
            {
                _recovered = snapshot.Book;
            }
        });
        // The markers only move the sequence number on; the book is in the snapshot.
        Recover<ZonesSnapshotTaken>(_ => { });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<ZoneMinuteInput>(OnMinute);
        Command<GetZones>(_ => Sender.Tell(State()));
        Command<ProbeState>(_ => ProbeReply.Answer(Context, Summary()));
        Command<FlushState>(_ => OnFlush());
        CommandSnapshotHousekeeping($"zones {_symbol}", _log);
    }

    public override string PersistenceId { get; }

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    protected override void PreStart() => ShutdownFlush.Register(Context.System, Self, $"zones-{_symbol}-flush");

    // Registered once per actor: the CoordinatedShutdown task outlives a restart and asks the same ref.
    protected override void PostRestart(Exception reason)
    {
    }

    private void OnRecovered()
    {
        if (_recovered is { } snapshot)
        {
            _load = _book.Load(snapshot, NowMs);
            if (_load.Loaded)
            {
                _log.Info("zones {0}: {1} of {2} zones recovered, {3} minutes of downtime decayed, {4} expired", _symbol, _load.ZonesKept, _load.ZonesInSnapshot, _load.MinutesCaughtUp, _load.Expired.Count);
            }
            else
            {
                _log.Warning("zones {0}: snapshot refused ({1}); starting empty", _symbol, _load.Error);
            }

            _recovered = null;
        }

        Publish();
    }

    private void OnMinute(ZoneMinuteInput input)
    {
        if (!string.Equals(input.Symbol, _symbol, StringComparison.Ordinal))
        {
            _badInputs++;
            return;
        }

        try
        {
            if (!_book.OnMinute(input.Minute).Applied)
            {
                return;
            }
        }
        catch (ArgumentException e)
        {
            _badInputs++;
            _log.Warning("zones {0}: minute {1} refused: {2}", _symbol, input.Minute.MinuteMs, e.Message);
            return;
        }

        _minutesApplied++;
        Sender.Tell(new ZoneCountersChanged(_symbol, WireStats()));
        Publish();
        if (++_minutesSinceSnapshot >= _snapshotEvery)
        {
            SaveBook();
        }
    }

    private void SaveBook()
    {
        _minutesSinceSnapshot = 0;
        var now = NowMs;
        var minute = _book.LastMinuteMs ?? 0;
        var book = _book.Snapshot(now);
        Persist(new ZonesSnapshotTaken(minute, now), _ =>
        {
            _lastSnapshotMinute = minute;
            SaveSnapshot(new ZonesSnapshot(book));
        });
    }

    /// <summary>A clean stop: the minutes applied since the last snapshot are saved; with none, nothing is written.</summary>
    private void OnFlush()
    {
        if (_minutesSinceSnapshot == 0)
        {
            Sender.Tell(Akka.Done.Instance);
            return;
        }

        AwaitSave();
        SaveBook();
    }

    private void Publish()
    {
        var summary = _book.GetSummary();
        _metrics.ZonesActive(_symbol, summary.ActiveZonesLong, summary.ActiveZonesShort);
    }

    private ZoneManagerWireStats WireStats()
    {
        var s = _book.GetSummary();
        return new ZoneManagerWireStats
        {
            ActiveZonesLong = s.ActiveZonesLong,
            ActiveZonesShort = s.ActiveZonesShort,
            TotalWeightLong = s.TotalWeightLong,
            TotalWeightShort = s.TotalWeightShort,
            ZonesCreatedTotal = s.ZonesCreatedTotal,
            ZonesReinforcedTotal = s.ZonesReinforcedTotal,
            ZonesSweptTotal = s.ZonesSweptTotal,
            ZonesExpiredTotal = s.ZonesExpiredTotal,
            ZonesMergedTotal = s.ZonesMergedTotal,
        };
    }

    private ZonesState State() => new(_symbol, _book.GetActiveZones(), _book.GetSummary(), _book.LastMinuteMs);

    private object Summary()
    {
        var s = _book.GetSummary();
        var stats = _book.Stats();
        return new
        {
            symbol = _symbol,
            zones = _book.Count,
            longZones = s.ActiveZonesLong,
            shortZones = s.ActiveZonesShort,
            lastMinuteMs = _book.LastMinuteMs,
            minutesApplied = _minutesApplied,
            created = s.ZonesCreatedTotal,
            swept = s.ZonesSweptTotal,
            expired = s.ZonesExpiredTotal,
            rejected = stats.Rejected,
            badInputs = _badInputs,
            snapshotsSaved = SnapshotsSaved,
            snapshotFailures = SnapshotFailures,
            lastSnapshotMinuteMs = _lastSnapshotMinute,
            recovered = _load is { } l ? new { loaded = l.Loaded, kept = l.ZonesKept, minutesCaughtUp = l.MinutesCaughtUp, error = l.Error?.ToString() } : null,
        };
    }
}
