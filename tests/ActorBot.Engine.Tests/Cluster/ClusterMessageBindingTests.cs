using ActorBot.Engine.Cluster;
using ActorBot.Engine.Persistence;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Akka.TestKit.Xunit2;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// Every message that crosses nodes (every <see cref="IClusterMessage"/> of the Engine, found by reflection so a new
/// one cannot be forgotten) has its pinned manifest and resolves to our serializer in the service's setup, never to
/// Akka's Newtonsoft default (<c>$type</c> CLR names: a rename would break a mixed-version cluster).
/// </summary>
public sealed class ClusterMessageBindingTests : TestKit
{
    // The manifests on the wire between nodes: renaming one breaks a rolling upgrade, so it is a deliberate edit here.
    private static readonly string[] PinnedManifests =
    [
        "cluster.to-symbol", "cluster.ask-venue", "cluster.get-entity-status",
        "trading.trade-intent", "trading.trade-rejected", "trading.place-entry", "trading.entry-filled", "trading.brackets-placed",
        "trading.entry-failed", "trading.position-closed", "trading.close-position", "trading.cancel-all", "trading.cancel-all-done",
        "trading.sync-trade",
        "cluster.raise-pause", "cluster.clear-pause", "cluster.set-kill-switch", "cluster.external-pause-changed",
        "cluster.symbol-warm-changed", "cluster.entries-pause-changed", "cluster.set-symbol-filters", "cluster.set-free-balance",
        "cluster.resend-risk-state",
        "cluster.get-bot-status", "cluster.bot-status", "cluster.get-symbol-status", "cluster.symbol-status",
        "cluster.get-execution-status", "cluster.execution-status", "cluster.get-account-status", "cluster.account-status",
        "cluster.get-venue-health", "cluster.venue-health",
    ];

    // Enums inside cluster messages travel as numbers (as in journal events): a reordered member would change meaning
    // between nodes of two builds, so each value is pinned here.
    private static readonly string[] PinnedEnums =
    [
        "ConditionalOrderType.StopMarket=0", "ConditionalOrderType.TakeProfitMarket=1",
        "ExecutionPhase.Ready=1", "ExecutionPhase.Restarting=0",
        "OrderLeg.Entry=0", "OrderLeg.Flatten=3", "OrderLeg.StopLoss=1", "OrderLeg.TakeProfit=2",
        "OrderSide.Buy=0", "OrderSide.Sell=1",
        "PauseKind.AccountSetup=6", "PauseKind.Backfilling=1", "PauseKind.ClockOffset=3", "PauseKind.ClusterMinority=7", "PauseKind.KillSwitch=4",
        "PauseKind.ReconcileDrift=5", "PauseKind.StaleData=0", "PauseKind.VenueDisabled=2",
        "RestartPolicy.Adopt=1", "RestartPolicy.Flatten=0",
        "TradeDirection.Long=1", "TradeDirection.Short=-1",
        "TradeMode.Live=3", "TradeMode.Paper=1", "TradeMode.Shadow=0", "TradeMode.Testnet=2",
        "VenueStatus.Disabled=1", "VenueStatus.Healthy=0",
        "WorkingType.ContractPrice=1", "WorkingType.MarkPrice=0",
    ];

    public ClusterMessageBindingTests()
        : base(ClusterWire.Setup())
    {
    }

    [Fact(DisplayName = "Every IClusterMessage of the Engine has a manifest in ClusterMessages, and every listed type is marked")]
    public void EveryClusterMessageIsListed()
    {
        var marked = ClusterMessageTypes();
        // The reflection found the protocol at all (guards against a filter that silently matches nothing).
        marked.Should().HaveCountGreaterThanOrEqualTo(PinnedManifests.Length);
        foreach (var type in marked)
        {
            ClusterMessages.Manifests.TryGetManifest(type, out _).Should().BeTrue($"{type.FullName} is IClusterMessage but has no manifest in ClusterMessages");
        }

        ClusterMessages.Manifests.Types.Should().BeEquivalentTo(marked, "every listed type carries the marker");
        ClusterMessages.Manifests.Markers.Should().Contain(typeof(IClusterMessage));
    }

    [Fact(DisplayName = "Cluster manifests are the pinned strings, unique, and distinct from the journal's")]
    public void ManifestsArePinned()
    {
        var manifests = ClusterMessages.Manifests.Types.Select(t => ClusterMessages.Manifests.TryGetManifest(t, out var m) ? m : "").ToList();
        manifests.Should().OnlyHaveUniqueItems();
        manifests.Should().BeEquivalentTo(PinnedManifests);
        foreach (var manifest in manifests)
        {
            EnginePersistence.Manifests.TryGetType(manifest, out _).Should().BeFalse($"'{manifest}' is also a journal manifest");
        }
    }

    [Fact(DisplayName = "A sample of every cluster message goes to ActorBotJsonSerializer under its pinned manifest, never Newtonsoft")]
    public void EverySampleResolvesToOurSerializer()
    {
        var samples = ClusterMessageSamples.All(TestActor);
        samples.Select(s => s.GetType()).Should().BeEquivalentTo(ClusterMessages.Manifests.Types, "the samples cover every listed type");
        foreach (var sample in samples)
        {
            var serializer = Sys.Serialization.FindSerializerFor(sample);
            serializer.Should().BeOfType<ActorBotJsonSerializer>(sample.GetType().FullName);
            serializer.Should().NotBeOfType<NewtonSoftJsonSerializer>();
            ClusterMessages.Manifests.TryGetManifest(sample.GetType(), out var manifest).Should().BeTrue();
            Akka.Serialization.Serialization.ManifestFor(serializer, sample).Should().Be(manifest);
        }
    }

    [Fact(DisplayName = "A marked message without a manifest is a typed error naming it, not a silent Newtonsoft fallback")]
    public void UnlistedMarkedMessageFailsLoudly()
    {
        var message = new NotListed("x");
        var serializer = Sys.Serialization.FindSerializerFor(message);
        serializer.Should().BeOfType<ActorBotJsonSerializer>("the IClusterMessage marker is bound");
        var act = () => serializer.ToBinary(message);
        act.Should().Throw<PersistenceSerializationException>().WithMessage($"*{nameof(NotListed)}*no persistence manifest*");
    }

    [Fact(DisplayName = "No persisted type holds an object or IActorRef member, so the wire converters leave the journal's JSON as it was")]
    public void PersistedTypesHoldNoEnvelopeMembers()
    {
        var persisted = EnginePersistence.Manifests.Types.ToList();
        persisted.Should().NotBeEmpty();
        var seen = new HashSet<Type>();
        var offending = new List<string>();
        foreach (var type in persisted)
        {
            Walk(type, type.Name, seen, offending);
        }

        offending.Should().BeEmpty("the object and IActorRef converters would change how these are written");
        seen.Count.Should().BeGreaterThan(persisted.Count, "the walk went into the members");
    }

    [Fact(DisplayName = "Every enum inside a cluster message keeps its pinned numeric values (they are the wire format)")]
    public void EnumsOnTheWireArePinned()
    {
        var seen = new HashSet<Type>();
        foreach (var type in ClusterMessages.Manifests.Types)
        {
            Walk(type, type.Name, seen, []);
        }

        var values = seen.Where(t => t.IsEnum)
            .SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}={Convert.ToInt64(Enum.Parse(t, n), System.Globalization.CultureInfo.InvariantCulture)}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        values.Should().Contain(v => v.StartsWith("PauseKind.", StringComparison.Ordinal), "the walk reached the pause causes");
        values.Should().Equal(PinnedEnums, string.Join(", ", values.Select(v => $"\"{v}\"")));
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> offending)
    {
        if (type == typeof(object) || typeof(IActorRef).IsAssignableFrom(type))
        {
            offending.Add(path);
            return;
        }

        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || !seen.Add(type) || type.IsEnum)
        {
            return;
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path + "[]", seen, offending);
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, $"{path}<{argument.Name}>", seen, offending);
        }

        // A polymorphic base is written as each of its derived types.
        foreach (var derived in type.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), inherit: false)
                     .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>())
        {
            Walk(derived.DerivedType, $"{path}:{derived.DerivedType.Name}", seen, offending);
        }

        if (type.Namespace?.StartsWith("ActorBot", StringComparison.Ordinal) == true)
        {
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                Walk(property.PropertyType, $"{path}.{property.Name}", seen, offending);
            }
        }
    }

    private static List<Type> ClusterMessageTypes() =>
        typeof(IClusterMessage).Assembly.GetTypes()
            .Where(t => typeof(IClusterMessage).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .ToList();

    private sealed record NotListed(string Value) : IClusterMessage;
}
