using ActorBot.Domain.Liquidations.Zones;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Liquidations;

// What /zones writes. Domain's ZoneSnapshot cannot carry IPersisted (Domain references no persistence), so it travels
// wrapped; the manifests are registered in EnginePersistence, and the JSON is our serializer's, never Akka's default.

/// <summary>The whole zone book of a symbol at one moment (a snapshot-store row).</summary>
public sealed record ZonesSnapshot(ZoneSnapshot Book) : IPersisted;

/// <summary>
/// Journaled right before each snapshot: it moves the sequence number on, so every snapshot has its own row (a
/// snapshot-only actor would save them all at sequence 0) and the older rows can be deleted behind it.
/// </summary>
public sealed record ZonesSnapshotTaken(long LastMinuteMs, long SavedAtMs) : IPersisted;
