namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>
/// The calibrator's probe view (issue 12 Deliver 2; the old <c>get_stats</c> plus the two-input counters): lifetime
/// event counts — total = attributed + dropped_no_snapshot + rejected — the snapshots held, the minutes since and the
/// minute of the last calibration, and the current weights (by tier), buffer, tolerance and biases.
/// </summary>
public sealed record CalibratorStats(
    string Symbol,
    long TotalEvents,
    long Attributed,
    long DroppedNoSnapshot,
    long Rejected,
    int SnapshotsHeld,
    int MinutesSinceCalibration,
    long? LastCalibrationMinuteMs,
    long CalibrationCount,
    bool CalibrationEnabled,
    SafetyTrip? Tripped,
    IReadOnlyDictionary<int, double> Weights,
    double Buffer,
    int Tolerance,
    double BiasLong,
    double BiasShort);
