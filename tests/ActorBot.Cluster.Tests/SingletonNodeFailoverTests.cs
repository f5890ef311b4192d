using ActorBot.Cluster.Tests.Harness;
using ActorBot.Engine.Cluster;
using ActorBot.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ActorBot.Cluster.Tests;

/// <summary>
/// Issue 13, the second SIGKILL case: the node running the venue-account singleton (execution, account, cancel-all),
/// so the execution journal moves too and the new singleton's restart-flatten and reconciliation run against the venue.
/// </summary>
public sealed class SingletonNodeFailoverTests(ITestOutputHelper log)
{
    [PostgresFact(DisplayName = "SIGKILL of the node running the venue singleton: execution and its symbols move, trading resumes within 20 s; 0 duplicate orders, 0 unprotected positions")]
    public async Task SingletonNodeFailover()
    {
        await using var rig = await ClusterRig.StartAsync(log.WriteLine);
        try
        {
            var before = await rig.WaitForTradingAsync("before the kill");

            var singleton = ClusterNames.VenueSingleton(ClusterRig.VenueName);
            var (_, views) = await Waits.Until(
                () => rig.OwnershipAsync(),
                s => s.Views.Count == 3 && s.Views.All(v => v.View.Singletons.ContainsKey(singleton)),
                $"every node names where {singleton} runs",
                TimeSpan.FromSeconds(20),
                s => string.Join("; ", s.Views.Select(v => $"{v.Node.Name}: {string.Join(", ", v.View.Singletons)}")));
            var host = views[0].View.Singletons[singleton];
            views.Should().OnlyContain(v => v.View.Singletons[singleton] == host, "one singleton, one place");
            var victim = rig.Nodes.Single(n => n.Address == host);

            // An open trade at the kill when the replay offers one soon (bounded by one loop of the day).
            var entered = await VenueAssertions.WaitForEntryAsync(rig, TimeSpan.FromSeconds(90));
            log.WriteLine($"entry on the venue before the kill: {entered}");

            var takeover = await Takeover.KillAsync(rig, victim, before, TimeSpan.FromSeconds(60));
            log.WriteLine($"TAKEOVER: SIGKILL {victim.Name} ({victim.Address}, {singleton}) at {takeover.KilledAt:HH:mm:ss.fff} UTC, owner of {takeover.Moved.Count} symbols: "
                + $"owned by live nodes after {takeover.OwnedAfter.TotalSeconds:F1} s, trading resumed after {takeover.ResumedAfter.TotalSeconds:F1} s");
            var (_, after) = await Waits.Until(
                () => rig.OwnershipAsync(),
                s => s.Views.Count == 2 && s.Views.All(v => v.View.Singletons.TryGetValue(singleton, out var a) && a != victim.Address),
                $"{singleton} runs on a surviving node",
                TimeSpan.FromSeconds(20),
                s => string.Join("; ", s.Views.Select(v => $"{v.Node.Name}: {string.Join(", ", v.View.Singletons)}")));
            log.WriteLine($"{singleton} now on {after[0].View.Singletons[singleton]}");

            await VenueAssertions.AssertCleanAsync(rig, log, "after the singleton's takeover");
            takeover.ResumedAfter.Should().BeLessThan(TimeSpan.FromSeconds(20), "trading must resume within 20 s of a node's SIGKILL with the documented settings");
        }
        catch
        {
            rig.DumpTails();
            throw;
        }
    }
}
