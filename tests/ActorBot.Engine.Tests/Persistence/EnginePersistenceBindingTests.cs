using System.Runtime.CompilerServices;
using ActorBot.Engine.Persistence;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Serialization;
using Akka.TestKit.Xunit2;

namespace ActorBot.Engine.Tests.Persistence;

/// <summary>
/// Every type the Engine's persistent actors write (every concrete <see cref="IPersisted"/> in the Engine assembly, found
/// by reflection so a new event cannot be forgotten) is bound to our serializer in an actor system set up as the
/// service sets it up, never to Akka's default Newtonsoft serializer (which stores <c>$type</c> CLR names, so a rename
/// would break replay), and carries its pinned manifest: a changed manifest string would orphan stored rows.
/// </summary>
public sealed class EnginePersistenceBindingTests : TestKit
{
    // The manifests stored in production journals: changing one needs a migration (IJsonMigration), not an edit here.
    private static readonly string[] PinnedManifests =
    [
        "trader.trade-opened", "trader.trade-closed", "trader.snapshot",
        "risk.day-rolled", "risk.trade-opened", "risk.trade-closed", "risk.trade-abandoned", "risk.kill-switch-changed", "risk.snapshot",
        "execution.entry-sent", "execution.order-answered", "execution.fill", "execution.bracket-sent", "execution.bracket-state",
        "execution.flatten-sent", "execution.trade-closed", "execution.snapshot",
        "paper-execution.trade-opened", "paper-execution.close-requested", "paper-execution.brackets-canceled", "paper-execution.trade-closed",
        "paper-execution.snapshot",
        "zones.snapshot-taken", "zones.snapshot",
        "calibrator.snapshot-taken", "calibrator.snapshot",
    ];

    // No persistent actor starts here, so the plugin never opens this file (nothing is created on disk).
    public EnginePersistenceBindingTests()
        : base(ActorBotPersistence.SystemSetup(SqlPersistenceOptions.SqliteFile(Path.Combine(Path.GetTempPath(), "actorbot-bindings-unused.db")), EnginePersistence.CreateSerializer()))
    {
    }

    [Fact(DisplayName = "Every IPersisted type of the Engine has a manifest and resolves to our serializer in the service's setup, not Newtonsoft")]
    public void EveryPersistedTypeIsOurs()
    {
        var persisted = PersistedTypes();
        // The reflection found the actors' events at all (guards against a filter that silently matches nothing).
        persisted.Should().HaveCountGreaterThanOrEqualTo(PinnedManifests.Length);

        foreach (var type in persisted)
        {
            EnginePersistence.Manifests.TryGetManifest(type, out _).Should().BeTrue($"{type.FullName} is IPersisted but has no manifest in EnginePersistence");
            var serializer = Sys.Serialization.FindSerializerForType(type);
            serializer.Should().BeOfType<ActorBotJsonSerializer>(type.FullName);
            serializer.Should().NotBeOfType<NewtonSoftJsonSerializer>();
            serializer.Identifier.Should().Be(JsonPersistenceSerializer.SerializerId);
        }
    }

    [Fact(DisplayName = "The manifest Akka stores for each Engine event and snapshot is the pinned string, one per type")]
    public void ManifestsArePinned()
    {
        EnginePersistence.Manifests.Types.Select(t => Manifest(t)).Should().BeEquivalentTo(PinnedManifests);
        foreach (var type in PersistedTypes())
        {
            EnginePersistence.Manifests.TryGetManifest(type, out var registered).Should().BeTrue(type.FullName);
            Manifest(type).Should().Be(registered, type.FullName);
        }
    }

    // What Akka writes in the journal's manifest column for an instance of the type (the instance's fields are unused).
    private string Manifest(Type type)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(type);
        return serializer.Manifest(RuntimeHelpers.GetUninitializedObject(type));
    }

    private static List<Type> PersistedTypes() =>
        typeof(EnginePersistence).Assembly.GetTypes()
            .Where(t => typeof(IPersisted).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .ToList();
}
