using ActorBot.Cluster.Tests.Harness;
using ActorBot.Domain.Execution;
using ActorBot.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ActorBot.Cluster.Tests;

/// <summary>
/// Issue 13, "Checked by": three real node processes, SIGKILL of the node that owns the most symbols, takeover by
/// the survivors within 20 s, the venue audited for duplicate orders and unprotected positions, and the killed node
/// restarted: it rejoins and shards rebalance without a duplicate order.
/// </summary>
public sealed class ThreeNodeFailoverTests(ITestOutputHelper log)
{
    /// <summary>The issue's bound: trading resumed within 20 s of the SIGKILL, with the documented settings.</summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(20);

    [PostgresFact(DisplayName = "Three nodes: SIGKILL of the busiest node moves its symbols to live nodes and trading resumes within 20 s; 0 duplicate orders, 0 unprotected positions; the node rejoins and shards rebalance")]
    public async Task ThreeNodeFailover()
    {
        await using var rig = await ClusterRig.StartAsync(log.WriteLine);
        try
        {
            var before = await rig.WaitForTradingAsync("before the kill");
            log.WriteLine($"formed and balanced: {before}");

            // Open trades at the kill: the bundled day's signals come about once a replayed day (86 s at 1000x), on
            // every alias at once; wait for the venue to show positions, bounded by one loop of the day.
            var open = await OpenPositionsAsync(rig, TimeSpan.FromSeconds(90));
            log.WriteLine($"open positions at the kill: {open.Count} ({string.Join(", ", open)})");

            var takeover = await Takeover.KillBusiestAsync(rig, before, TimeSpan.FromSeconds(60));
            log.WriteLine($"TAKEOVER: SIGKILL {takeover.Victim.Name} ({takeover.Victim.Address}) at {takeover.KilledAt:HH:mm:ss.fff} UTC, owner of {takeover.Moved.Count} ({string.Join(", ", takeover.Moved)}): "
                + $"every symbol owned by a live node {takeover.OwnedAfter.TotalSeconds:F1} s after, trading resumed (/ready 200 on the survivors) after {takeover.ResumedAfter.TotalSeconds:F1} s; owners now {takeover.Owners}");
            takeover.Moved.Should().NotBeEmpty().And.OnlyContain(e => takeover.Owners.OwnerOf(e) != null && takeover.Owners.OwnerOf(e) != takeover.Victim.Address);
            await VenueAssertions.AssertCleanAsync(rig, log, "after the takeover");

            var rebalanced = await Takeover.RejoinAsync(rig, takeover.Victim, TimeSpan.FromSeconds(60));
            log.WriteLine($"{takeover.Victim.Name} rejoined and owns {rebalanced.CountByOwner(ClusterRig.Entities).GetValueOrDefault(takeover.Victim.Address)} symbols again; owners now {rebalanced}");
            await ClusterRig.WaitForReadyAsync(rig.Nodes, "every node /ready 200 after the rebalance", TimeSpan.FromSeconds(30));
            await VenueAssertions.AssertCleanAsync(rig, log, "after the rejoin and rebalance");

            // The time bound last, so a slow takeover still has its venue and rejoin checked and logged.
            takeover.ResumedAfter.Should().BeLessThan(TakeoverBound, "trading must resume within 20 s of a node's SIGKILL with the documented settings");
        }
        catch
        {
            rig.DumpTails();
            throw;
        }
    }

    // Waits for the venue's audit to show an accepted entry, then reads the positions once: the venue's request
    // weight is per IP, shared with the nodes.
    private static async Task<IReadOnlyList<string>> OpenPositionsAsync(ClusterRig rig, TimeSpan wait) =>
        await VenueAssertions.WaitForEntryAsync(rig, wait)
            ? (await rig.Venue.PositionsAsync()).Where(p => p.Amount != 0).Select(p => $"{p.Symbol} {p.Amount}").ToList()
            : [];
}
