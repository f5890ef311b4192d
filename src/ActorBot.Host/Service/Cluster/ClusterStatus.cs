using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace ActorBot.Host.Service.Cluster;

/// <summary>One member as <c>/cluster</c> shows it (docs/api.md).</summary>
public sealed record ClusterMemberView(string Address, string Status, IReadOnlyList<string> Roles, int UpNumber);

/// <summary>
/// The body of <c>/cluster</c> (docs/api.md): this node, the leader, every member, the unreachable ones, which node owns
/// each configured symbol (<c>{venue}/{symbol}</c> → node address, null while its shard is not allocated) and where each
/// singleton runs. <see cref="OwnersError"/> says why <see cref="Owners"/> is empty (the shard coordinator did not answer
/// in time, e.g. during a failover).
/// </summary>
public sealed record ClusterStatus(
    string Self,
    string? Leader,
    IReadOnlyList<ClusterMemberView> Members,
    IReadOnlyList<string> Unreachable,
    IReadOnlyDictionary<string, string?> Owners,
    IReadOnlyDictionary<string, string?> Singletons,
    string? OwnersError)
{
    /// <summary>
    /// Builds the view from Akka's own answers: the membership state and the sharding statistics (shard id → region
    /// address); a symbol's owner is the region holding the shard its entity id hashes to. A singleton runs on the
    /// oldest Up (or Leaving) member with the trading role, where its manager hands it.
    /// </summary>
    public static ClusterStatus From(ClusterEvent.CurrentClusterState state, Address self, ClusterTopology topology, ClusterShardingStats? stats)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(topology);
        // Akka keeps a member's up-number internal; its age ordering is by that number, so the rank in it (1 = oldest)
        // orders members the same way.
        var byAge = state.Members.Order(Member.AgeOrdering).ToList();
        var members = byAge
            .Select((m, i) => new ClusterMemberView(m.Address.ToString(), Status(m.Status), m.Roles.Order(StringComparer.Ordinal).ToList(), i + 1))
            .ToList();
        var unreachable = state.Unreachable.Select(m => m.Address.ToString()).Order(StringComparer.Ordinal).ToList();

        var shardHome = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in (IEnumerable<KeyValuePair<Address, ShardRegionStats>>?)stats?.Regions ?? [])
        {
            foreach (var shard in region.Value.Stats.Keys)
            {
                shardHome[shard] = region.Key.ToString();
            }
        }

        var owners = topology.EntityIds.ToDictionary(
            id => id,
            id => shardHome.TryGetValue(topology.ShardOf(id), out var home) ? home : null,
            StringComparer.Ordinal);

        var oldest = byAge.FirstOrDefault(m => m.HasRole(Engine.Cluster.ClusterNames.TradingRole) && m.Status is MemberStatus.Up or MemberStatus.Leaving);
        var singletons = topology.Singletons.ToDictionary(s => s, _ => oldest?.Address.ToString(), StringComparer.Ordinal);

        return new ClusterStatus(
            self.ToString(),
            state.Leader?.ToString(),
            members,
            unreachable,
            owners,
            singletons,
            stats is null ? "the shard coordinator did not answer in time: owners unknown" : null);
    }

    private static string Status(MemberStatus status) => status.ToString().ToLowerInvariant();
}
