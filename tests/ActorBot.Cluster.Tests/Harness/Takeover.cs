using System.Diagnostics;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>One measured takeover: the node killed, the symbols it owned, when (UTC, to read the nodes' logs against), and the times from its SIGKILL.</summary>
internal sealed record TakeoverResult(NodeProcess Victim, IReadOnlyList<string> Moved, DateTimeOffset KilledAt, TimeSpan OwnedAfter, TimeSpan ResumedAfter, Ownership Owners);

/// <summary>
/// SIGKILL of the node owning the most symbols, then the clock: until every symbol is owned once by a surviving node
/// (<see cref="TakeoverResult.OwnedAfter"/>), and until every survivor's <c>/ready</c> is 200, i.e. trading resumed
/// (<see cref="TakeoverResult.ResumedAfter"/>). Shared by the failover test and the <c>cluster</c> benchmark.
/// </summary>
internal static class Takeover
{
    public static Task<TakeoverResult> KillBusiestAsync(ClusterRig rig, Ownership before, TimeSpan timeout)
    {
        var counts = before.CountByOwner(ClusterRig.Entities);
        var victim = rig.Nodes.Where(n => n.Running).OrderByDescending(n => counts.GetValueOrDefault(n.Address)).ThenBy(n => n.Index).First();
        return KillAsync(rig, victim, before, timeout);
    }

    /// <summary>The same clock for a chosen node (e.g. the one running the venue-account singleton).</summary>
    public static async Task<TakeoverResult> KillAsync(ClusterRig rig, NodeProcess victim, Ownership before, TimeSpan timeout)
    {
        var survivors = rig.Nodes.Where(n => n != victim && n.Running).ToList();
        var moved = ClusterRig.Entities.Where(e => before.OwnerOf(e) == victim.Address).ToList();

        var killedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        victim.Process!.Kill();
        var owners = await rig.WaitForSettledAsync(survivors, timeout);
        var ownedAfter = clock.Elapsed;
        await ClusterRig.WaitForReadyAsync(survivors, "the survivors /ready 200 after the takeover", timeout - clock.Elapsed);
        return new TakeoverResult(victim, moved, killedAt, ownedAfter, clock.Elapsed, owners);
    }

    /// <summary>Starts the killed node again and waits until it is Up everywhere and owns a symbol again (rebalanced).</summary>
    public static async Task<Ownership> RejoinAsync(ClusterRig rig, NodeProcess victim, TimeSpan timeout)
    {
        victim.Start();
        await rig.WaitForSettledAsync(rig.Nodes, timeout);
        var (ownership, _) = await Waits.Until(
            () => rig.OwnershipAsync(),
            s => s.Ownership.EachOwnedOnceByLive(ClusterRig.Entities) && s.Ownership.CountByOwner(ClusterRig.Entities).GetValueOrDefault(victim.Address) > 0,
            $"the restarted {victim.Name} owns a symbol again (rebalance)",
            timeout,
            s => s.Ownership.ToString());
        return ownership;
    }
}
