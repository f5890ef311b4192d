using System.Diagnostics;
using ActorBot.Cluster.Tests.Harness;
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
        await using var rig = await ClusterRig.StartAsync(log);
        try
        {
            var before = await rig.WaitForSettledAsync(rig.Nodes, TimeSpan.FromSeconds(90));
            log.WriteLine($"formed: {before}");
            await ClusterRig.WaitForReadyAsync(rig.Nodes, "every node /ready 200 before the kill", TimeSpan.FromSeconds(45));

            // Open trades at the kill: whatever the strategy has open on the venue (bounded wait for the first one).
            var open = await OpenPositionsAsync(rig, TimeSpan.FromSeconds(30));
            log.WriteLine($"open positions at the kill: {open.Count} ({string.Join(", ", open)})");

            var counts = before.CountByOwner(ClusterRig.Entities);
            var victim = rig.Nodes.OrderByDescending(n => counts.GetValueOrDefault(n.Address)).ThenBy(n => n.Index).First();
            var survivors = rig.Nodes.Where(n => n != victim).ToList();
            var moved = ClusterRig.Entities.Where(e => before.OwnerOf(e) == victim.Address).ToList();
            log.WriteLine($"SIGKILL {victim.Name} ({victim.Address}), owner of {moved.Count}: {string.Join(", ", moved)}");

            var clock = Stopwatch.StartNew();
            victim.Process!.Kill();
            var owned = await rig.WaitForSettledAsync(survivors, TimeSpan.FromSeconds(60));
            var ownedAfter = clock.Elapsed;
            await ClusterRig.WaitForReadyAsync(survivors, "the survivors /ready 200 after the takeover", TimeSpan.FromSeconds(30));
            var resumedAfter = clock.Elapsed;
            log.WriteLine($"TAKEOVER: every symbol owned by a live node {ownedAfter.TotalSeconds:F1} s after SIGKILL, trading resumed (/ready 200 on the survivors) after {resumedAfter.TotalSeconds:F1} s; owners now {owned}");

            resumedAfter.Should().BeLessThan(TakeoverBound, "trading must resume within 20 s of a node's SIGKILL with the documented settings");
            moved.Should().OnlyContain(e => owned.OwnerOf(e) != null && owned.OwnerOf(e) != victim.Address);
            await AssertVenueCleanAsync(rig, "after the takeover");

            victim.Start();
            await rig.WaitForSettledAsync(rig.Nodes, TimeSpan.FromSeconds(60));
            var rebalanced = await Waits.Until(
                () => rig.OwnershipAsync(),
                s => s.Ownership.EachOwnedOnceByLive(ClusterRig.Entities) && s.Ownership.CountByOwner(ClusterRig.Entities).GetValueOrDefault(victim.Address) > 0,
                $"the restarted {victim.Name} owns a symbol again (rebalance)",
                TimeSpan.FromSeconds(60),
                s => s.Ownership.ToString());
            log.WriteLine($"rejoined after {clock.Elapsed.TotalSeconds:F1} s; owners now {rebalanced.Ownership}");
            await ClusterRig.WaitForReadyAsync(rig.Nodes, "every node /ready 200 after the rebalance", TimeSpan.FromSeconds(30));
            await AssertVenueCleanAsync(rig, "after the rejoin and rebalance");
        }
        catch
        {
            rig.DumpTails();
            throw;
        }
    }

    private static async Task<IReadOnlyList<string>> OpenPositionsAsync(ClusterRig rig, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var open = (await rig.Venue.PositionsAsync()).Where(p => p.Amount != 0).Select(p => $"{p.Symbol} {p.Amount}").ToList();
            if (open.Count > 0 || DateTime.UtcNow > deadline)
            {
                return open;
            }

            // Sparse: the venue's request weight is per IP, shared with the nodes.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    // The venue's own records: no entry accepted twice for one signal, and (once brackets have had time to land)
    // no position without both an SL and a TP on the exchange.
    private async Task AssertVenueCleanAsync(ClusterRig rig, string when)
    {
        var orders = await rig.Venue.OrdersAsync();
        var duplicates = VenueAudit.DuplicateEntries(orders);
        log.WriteLine($"venue {when}: {orders.Count} order requests ({orders.Count(o => o.Route == "order" && o.Accepted)} orders, {orders.Count(o => o.Route == "algo" && o.Accepted)} algo orders accepted), {VenueAudit.BlockedResends(orders)} re-sends refused as duplicate ids, {duplicates.Count} duplicate entries");
        duplicates.Should().BeEmpty($"no signal may be entered twice ({when})");

        var unprotected = await Waits.Until(
            () => rig.Venue.UnprotectedAsync(),
            u => u.Count == 0,
            $"every open position protected by an SL and a TP on the venue ({when})",
            TimeSpan.FromSeconds(15),
            u => string.Join(", ", u),
            TimeSpan.FromSeconds(1));
        unprotected.Should().BeEmpty();
    }
}
