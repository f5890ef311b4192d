using ActorBot.Engine.Cluster;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorBot.Host.Service.Cluster;

/// <summary>
/// <c>GET /cluster</c> on every node (docs/api.md, the same auth as the other probe endpoints): membership, leader,
/// unreachable members, the owner of each symbol and where each singleton runs (<see cref="ClusterStatus"/>). On a
/// single-node service it answers 404, so a script can tell "not a cluster" from "cluster unhealthy".
/// </summary>
public static class ClusterEndpoints
{
    /// <summary>Sharding statistics gather every region's answer through the coordinator: bounded like every probe ask.</summary>
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(2);

    public const string OffError = "cluster mode is off (actorbot.cluster.enabled = off; start with `actorbot run --cluster`)";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/cluster", async (IServiceProvider services, ActorSystem system, ActorRegistry registry, CancellationToken ct) =>
        {
            if (services.GetService<ClusterTopology>() is not { } topology)
            {
                return Results.Json(new { error = OffError }, statusCode: 404);
            }

            var cluster = Akka.Cluster.Cluster.Get(system);
            ClusterShardingStats? stats = null;
            if (registry.TryGet<SymbolEntityActor>(out var region))
            {
                // Akka's own message (and its own serializer across nodes): the coordinator asks every region.
                stats = await ProbeAsk.TryAsync<ClusterShardingStats>(region, new GetClusterShardingStats(StatsTimeout), ct, StatsTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }

            return Results.Json(ClusterStatus.From(cluster.State, cluster.SelfAddress, topology, stats));
        });
    }
}
