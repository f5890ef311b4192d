using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Liquidations;

// What /calibrator writes. Domain's CalibratorSnapshot cannot carry IPersisted (Domain references no persistence), so it
// travels wrapped; the manifests are registered in EnginePersistence (our serializer, never Akka's default).

/// <summary>The calibrator's whole persistent state (weights, buffer, tolerance, biases, enabled flag, counters): a snapshot-store row.</summary>
public sealed record CalibratorState(CalibratorSnapshot Calibrator) : IPersisted;

/// <summary>
/// Journaled right before each snapshot (as /zones does): it moves the sequence number on, so every snapshot has its own
/// row and the older rows can be deleted behind it. <paramref name="Reason"/>: calibration, import or stop.
/// </summary>
public sealed record CalibratorSnapshotTaken(long? LastCalibrationMinuteMs, long SavedAtMs, string Reason) : IPersisted;
