namespace ActorBot.Engine.Cluster;

/// <summary>
/// The cluster guard's rule, pure: does this node still stand with the majority of the trading role? A node pauses
/// its symbols when it is not Up (joining, leaving, downed, removed), when the cluster shuts down on it, or when the
/// trading members it can reach (itself included) are not a strict majority of those it knows. A tie pauses: under
/// keep-majority one side of an even split is downed, and a node cannot know it is the side that stays.
/// </summary>
public static class ClusterStanding
{
    public enum MemberState
    {
        Joining,
        Up,
        Leaving,
        Down,
    }

    /// <summary>One trading member as this node sees it.</summary>
    public sealed record MemberView(bool IsSelf, MemberState State, bool Unreachable);

    public static (bool Paused, string Reason) Decide(IReadOnlyList<MemberView> trading, bool shuttingDown)
    {
        ArgumentNullException.ThrowIfNull(trading);
        if (shuttingDown)
        {
            return (true, "the cluster is shutting down on this node");
        }

        var self = trading.FirstOrDefault(m => m.IsSelf);
        if (self is null)
        {
            return (true, "this node is not a trading member (not joined yet, or removed)");
        }

        if (self.State != MemberState.Up)
        {
            return (true, $"this node is {self.State.ToString().ToLowerInvariant()}, not up");
        }

        var known = trading.Count(m => m.State != MemberState.Joining);
        var reachable = trading.Count(m => m.State != MemberState.Joining && !m.Unreachable);
        return reachable * 2 > known
            ? (false, $"{reachable} of {known} trading members reachable")
            : (true, $"only {reachable} of {known} trading members reachable: not a majority");
    }
}
