using ActorBot.Persistence.CrashChild;
using ActorBot.Persistence.Sql.Serialization;
using ActorBot.Persistence.Tests.Actors;

namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>The stable manifests of every type the tests persist, as a service registers its events and snapshots.</summary>
public static class TestSerializer
{
    public static PersistenceManifests Manifests { get; } = PersistenceManifests.Empty
        .Add<Added>("test.counter.added")
        .Add<Poison>("test.counter.poison")
        .Add<CounterSnapshot>("test.counter.snapshot")
        .Add<CrashEvent>(CrashEvent.Manifest);

    public static JsonPersistenceSerializer Json { get; } = new(Manifests);
}
