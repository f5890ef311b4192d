using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// Every message type that crosses nodes, each with its manifest: a fixed string chosen once and never changed, like
/// the journal's (<see cref="Persistence.EnginePersistence"/>). Registered with the same serializer, so a remote
/// message never reaches Akka's reflection-based default.
/// </summary>
public static class ClusterMessages
{
    public static PersistenceManifests Manifests { get; } = PersistenceManifests.Empty
        .Add<ToSymbol>("cluster.to-symbol");
}
