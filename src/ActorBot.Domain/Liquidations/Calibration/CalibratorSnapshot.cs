namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>
/// A symbol's calibrator state as the persistent <c>/calibrator</c> actor stores it (SPEC §6.8 made an Akka.Persistence
/// snapshot): the ladder and its weights, buffer, tolerance, biases, whether calibration is still enabled (the old file
/// lost a safety trip on every restart, §13 #24), and the lifetime counters. The in-window statistics are not kept: a
/// restart starts a new window, as the old one did.
/// </summary>
public sealed record CalibratorSnapshot(
    int Version,
    string Symbol,
    IReadOnlyList<int> Tiers,
    IReadOnlyList<double> Weights,
    IReadOnlyList<int> Disabled,
    double Buffer,
    int Tolerance,
    double BiasLong,
    double BiasShort,
    bool CalibrationEnabled,
    SafetyTrip? Tripped,
    long CalibrationCount,
    long? LastCalibrationMinuteMs,
    CalibratorCounters Counters,
    CalibratorSafetyCounters Safety)
{
    public const int CurrentVersion = 1;
}

/// <summary>Lifetime event counters (never reset by a calibration).</summary>
public sealed record CalibratorCounters(long TotalEvents, long Attributed, long DroppedNoSnapshot, long Rejected)
{
    public static readonly CalibratorCounters Zero = new(0, 0, 0, 0);
}

/// <summary>The consecutive-cycle counters of the safety rule.</summary>
public sealed record CalibratorSafetyCounters(int LowEntropy, int Cap, int BufferBound, int ToleranceBound)
{
    public static readonly CalibratorSafetyCounters Zero = new(0, 0, 0, 0);
}
