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
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActorSystem, StallWatch> Watches = [];

    /// <summary>
    /// Starts this node's <see cref="StallWatch"/> (idempotent; the singletons call it when they start, before any entry):
    /// a stall longer than the failure detector's acceptable pause holds entries for that pause + stable-after + the
    /// removal margin + 2 s, long enough for a downed node to learn it.
    /// </summary>
    public static StallWatch Watch(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Watches.GetValue(system, s =>
        {
            var config = s.Settings.Config;
            var pause = config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause", TimeSpan.FromSeconds(3), false);
            var stable = config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after", TimeSpan.FromSeconds(20), false);
            // "off" (Akka's default) is no margin.
            var margin = config.GetString("akka.cluster.down-removal-margin", "off") is "off" or "" ? TimeSpan.Zero
                : config.GetTimeSpan("akka.cluster.down-removal-margin", TimeSpan.Zero, false);
            var watch = new StallWatch(TimeProvider.System, TimeSpan.FromMilliseconds(250), pause, pause + stable + margin + TimeSpan.FromSeconds(2));
            s.RegisterOnTermination(watch.Dispose);
            return watch;
        });
    }

    /// <summary>
    /// Null when this process has not stood still lately; else why writes wait. Only the stall: a node that merely lost
    /// sight of the majority still protects and closes what it holds until it is downed (and then stops).
    /// </summary>
    public static string? CheckStall(ActorSystem system) => Watch(system).Check() is { } stalled ? $"cluster: {stalled}" : null;

    /// <summary>Null when entries may go; else why not (a stall of this process, or the majority out of reach).</summary>
    public static string? Check(ActorSystem system)
    {
        if (Watch(system).Check() is { } stalled)
        {
            return $"cluster: {stalled}";
        }

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
