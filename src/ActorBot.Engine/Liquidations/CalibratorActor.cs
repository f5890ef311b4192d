using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// <c>/user/bot/{symbol}/calibrator</c>: a persistent shell around the symbol's <see cref="LiquidationCalibrator"/>
/// (moonstream SPEC §6) on the service's journal (<c>calibrator-{symbol}</c>). Inputs: every venue's
/// <see cref="LiquidationReceived"/> of the symbol and the <see cref="LiquidationMinuteSnapshot"/> /liquidations sends
/// after each closed minute. A liquidation is attributed only against a minute snapshot at or before its minute; without
/// one it is counted (<c>dropped_no_snapshot</c>, a metric) and logged. After each calibration it saves its state as a
/// snapshot (our serializer; <c>calibration_enabled</c> included) and sends the weights to <paramref name="weightsTo"/>
/// (the symbol, which routes them to /liquidations); on start it restores them and sends them the same way. A clean
/// stop saves the latest counters too. Bad input is counted and logged, never thrown to the supervisor.
/// </summary>
public sealed class CalibratorActor : SnapshotStateActor
{
    private readonly string _symbol;
    private readonly BucketGrid _grid;
    private readonly LeverageLadder _ladder;
    private readonly CalibratorOptions _options;
    private readonly IActorRef _weightsTo;
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private LiquidationCalibrator _calibrator;
    private CalibratorSnapshot? _recovered;
    private string _restoredFrom = "none";
    private bool _dirty;
    private long _minutes;
    private long _badMinutes;
    private CalibrationResult? _lastResult;

    /// <param name="weightsTo">gets an <see cref="UpdateLeverageWeights"/> after recovery and after each calibration.</param>
    public CalibratorActor(string symbol, BucketGrid grid, CalibratorOptions options, IActorRef weightsTo)
    {
        _symbol = symbol;
        _grid = grid;
        _ladder = LeverageLadders.ForBase(LeverageLadders.BaseOf(symbol));
        _options = options;
        _weightsTo = weightsTo;
        _calibrator = new LiquidationCalibrator(symbol, grid, _ladder, options);
        PersistenceId = PersistenceIdOf(symbol);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is CalibratorState state)
            {
                _recovered = state.Calibrator;
            }
        });
        // The markers only move the sequence number on; the state is in the snapshot.
        Recover<CalibratorSnapshotTaken>(_ => { });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<LiquidationReceived>(OnLiquidation);
        Command<LiquidationMinuteSnapshot>(OnMinute);
        Command<GetCalibratorStats>(_ => Sender.Tell(_calibrator.Stats));
        Command<ProbeState>(_ => ProbeReply.Answer(Context, Summary()));
        Command<FlushState>(_ => OnFlush());
        CommandSnapshotHousekeeping($"calibrator {_symbol}", _log);
    }

    public override string PersistenceId { get; }

    /// <summary>The journal id of a symbol's calibrator (the import CLI writes to it too).</summary>
    public static string PersistenceIdOf(string symbol) => $"calibrator-{symbol}";

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    protected override void PreStart() => ShutdownFlush.Register(Context.System, Self, $"calibrator-{_symbol}-flush");

    // Registered once per actor: the CoordinatedShutdown task outlives a restart and asks the same ref.
    protected override void PostRestart(Exception reason)
    {
    }

    private void OnRecovered()
    {
        if (_recovered is { } snapshot)
        {
            _recovered = null;
            if (!string.Equals(snapshot.Symbol, _symbol, StringComparison.Ordinal))
            {
                _restoredFrom = "refused";
                _log.Warning("calibrator {0}: snapshot of {1} refused; starting from the default weights", _symbol, snapshot.Symbol);
                return;
            }

            try
            {
                _calibrator = LiquidationCalibrator.Restore(snapshot, _grid, _ladder, _options);
            }
            catch (ArgumentException e)
            {
                _restoredFrom = "refused";
                _log.Warning("calibrator {0}: snapshot refused ({1}); starting from the default weights", _symbol, e.Message);
                return;
            }

            _restoredFrom = "snapshot";
            _log.Info(
                "calibrator {0}: weights restored ({1} calibrations, enabled {2}, buffer {3})",
                _symbol, _calibrator.CalibrationCount, _calibrator.CalibrationEnabled, _calibrator.Buffer);
            PushWeights();
        }
    }

    private void OnLiquidation(LiquidationReceived m)
    {
        var outcome = _calibrator.OnLiquidation(m.Event);
        _dirty = true;
        switch (outcome.Kind)
        {
            case EventOutcomeKind.DroppedNoSnapshot:
                _metrics.CalibratorDroppedNoSnapshot.Add(1, new KeyValuePair<string, object?>("symbol", _symbol));
                _log.Info("calibrator {0}: liquidation of {1} not attributed (dropped_no_snapshot): {2}", _symbol, m.Event.Venue, outcome.Detail);
                break;
            case EventOutcomeKind.Rejected:
                _log.Warning("calibrator {0}: liquidation of {1} rejected: {2}", _symbol, m.Event.Venue, outcome.Detail);
                break;
        }
    }

    private void OnMinute(LiquidationMinuteSnapshot m)
    {
        if (!string.Equals(m.Symbol, _symbol, StringComparison.Ordinal))
        {
            _badMinutes++;
            return;
        }

        CalibrationResult? result;
        try
        {
            var prior = m.Minute.OpenInterest is { } oi ? oi - m.OiDeltaBase : (double?)null;
            result = _calibrator.OnMinuteSnapshot(CalibratorMinute.FromRaw(m.Minute, m.PredictedLong, m.PredictedShort, prior));
        }
        catch (ArgumentException e)
        {
            _badMinutes++;
            _log.Warning("calibrator {0}: minute {1} refused: {2}", _symbol, m.Minute.MinuteMs, e.Message);
            return;
        }

        _minutes++;
        _dirty = true;
        if (result is null)
        {
            return;
        }

        _lastResult = result;
        _metrics.LiquidationCalibrations.Add(1, new KeyValuePair<string, object?>("symbol", _symbol));
        if (result.Tripped is { } trip)
        {
            _log.Warning("calibrator {0}: safety trip {1}: calibration disabled (persisted)", _symbol, trip);
        }

        Save("calibration");
        PushWeights();
    }

    private void PushWeights() =>
        _weightsTo.Tell(new UpdateLeverageWeights(_symbol, _calibrator.WeightsByTier(_calibrator.Weights), _calibrator.Buffer));

    private void Save(string reason)
    {
        _dirty = false;
        var state = new CalibratorState(_calibrator.ToSnapshot());
        Persist(new CalibratorSnapshotTaken(_calibrator.LastCalibrationMinuteMs, NowMs, reason), _ => SaveSnapshot(state));
    }

    /// <summary>A clean stop: the counters changed since the last snapshot are saved; with no change nothing is written.</summary>
    private void OnFlush()
    {
        if (!_dirty)
        {
            Sender.Tell(Akka.Done.Instance);
            return;
        }

        AwaitSave();
        Save("stop");
    }

    private object Summary()
    {
        var s = _calibrator.Stats;
        return new
        {
            symbol = _symbol,
            total = s.TotalEvents,
            attributed = s.Attributed,
            droppedNoSnapshot = s.DroppedNoSnapshot,
            rejected = s.Rejected,
            snapshotsHeld = s.SnapshotsHeld,
            minutesSinceCalibration = s.MinutesSinceCalibration,
            lastCalibrationMinuteMs = s.LastCalibrationMinuteMs,
            calibrations = s.CalibrationCount,
            calibrationEnabled = s.CalibrationEnabled,
            tripped = s.Tripped?.ToString(),
            weights = s.Weights.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
            buffer = s.Buffer,
            tolerance = s.Tolerance,
            biasLong = s.BiasLong,
            biasShort = s.BiasShort,
            lastHitRate = _lastResult?.HitRate,
            minutes = _minutes,
            badMinutes = _badMinutes,
            restoredFrom = _restoredFrom,
            snapshotsSaved = SnapshotsSaved,
            snapshotFailures = SnapshotFailures,
        };
    }
}
