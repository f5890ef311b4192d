using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// The check before an entry leaves a cluster node: does this node, right now, stand with a strict majority of the
/// trading role? Unlike the guard, which acts on membership events, it asks the failure detector at the moment of the
/// call (how long since each peer's last heartbeat), so a node that was frozen (SIGSTOP, a long GC, a VM pause) and has
/// just resumed refuses entries at once, before its own events have caught up and before it learns it was downed.
/// The same pure rule (<see cref="ClusterStanding"/>) decides.
/// </summary>
public static class ClusterFence
{
    /// <summary>Null when entries may go; else why not.</summary>
    public static string? Check(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var self = cluster.SelfAddress;
        var views = cluster.State.Members
            .Where(m => m.HasRole(ClusterNames.TradingRole))
            .Select(m => new ClusterStanding.MemberView(
                m.Address == self,
                m.Status switch
                {
                    Akka.Cluster.MemberStatus.Up or Akka.Cluster.MemberStatus.WeaklyUp => ClusterStanding.MemberState.Up,
                    Akka.Cluster.MemberStatus.Joining => ClusterStanding.MemberState.Joining,
                    Akka.Cluster.MemberStatus.Down => ClusterStanding.MemberState.Down,
                    _ => ClusterStanding.MemberState.Leaving,
                },
                m.Address != self && (cluster.State.Unreachable.Contains(m) || !cluster.FailureDetector.IsAvailable(m.Address))))
            .ToList();
        var (paused, reason) = ClusterStanding.Decide(views, cluster.IsTerminated);
        return paused ? $"cluster: {reason}" : null;
    }
}
