using System.Collections.Concurrent;
using ActorBot.Cluster.Tests.Harness;
using ActorBot.Engine.Cluster;
using ActorBot.Persistence.Tests.Infrastructure;
using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace ActorBot.Cluster.Tests;

/// <summary>
/// Issue 13, the partition case: one node frozen with SIGSTOP past the failure detector (its sockets stay open, its
/// heartbeats stop, as a node cut off from the others). The majority marks it unreachable, the Split Brain Resolver
/// downs it and the majority takes its symbols and its singletons. The frozen node is the one running the
/// venue-account singleton (the only sender of orders). Resumed with SIGCONT, it must not send a single order, must
/// pause or stop its symbols and leave.
/// </summary>
public sealed class PartitionMinorityPausesTests(ITestOutputHelper log)
{
    [PostgresFact(DisplayName = "A node frozen past the failure detector is downed and its symbols taken over; resumed, it sends no order, pauses and leaves; 0 duplicate orders")]
    public async Task PartitionMinorityPauses()
    {
        await using var rig = await ClusterRig.StartAsync(log.WriteLine);
        using var sampling = new CancellationTokenSource();
        try
        {
            var before = await rig.WaitForTradingAsync("before the partition");

            // The node running the venue-account singleton: the only one that sends orders, so the only one whose
            // orders after resuming would be a second owner trading. An entry first, when the replay offers one soon,
            // so execution has work in flight when the node freezes.
            var singleton = ClusterNames.VenueSingleton(ClusterRig.VenueName);
            var (_, views) = await Waits.Until(
                () => rig.OwnershipAsync(),
                s => s.Views.Count == 3 && s.Views.All(v => v.View.Singletons.ContainsKey(singleton)),
                $"every node names where {singleton} runs",
                TimeSpan.FromSeconds(20),
                s => string.Join("; ", s.Views.Select(v => $"{v.Node.Name}: {string.Join(", ", v.View.Singletons)}")));
            var victim = rig.Nodes.Single(n => n.Address == views[0].View.Singletons[singleton]);
            var counts = before.CountByOwner(ClusterRig.Entities);
            log.WriteLine($"entry on the venue before the freeze: {await VenueAssertions.WaitForEntryAsync(rig, TimeSpan.FromSeconds(60))}");
            var majority = rig.Nodes.Where(n => n != victim).ToList();
            var pid = victim.Process!.Pid;

            // The victim's TCP ports, sampled throughout: the venue's audit names each order's client port.
            var ports = new ConcurrentDictionary<int, byte>();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    foreach (var p in ProcessSockets.LocalPorts(pid))
                    {
                        ports.TryAdd(p, 0);
                    }

                    await Task.Delay(100, CancellationToken.None);
                }
            });

            log.WriteLine($"SIGSTOP {victim.Name} ({victim.Address}, {singleton}) at {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC, owner of {counts.GetValueOrDefault(victim.Address)} symbols");
            victim.Process.Stop();
            var taken = await rig.WaitForSettledAsync(majority, TimeSpan.FromSeconds(60));
            log.WriteLine($"majority owns every symbol: {taken}");

            var resumedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            victim.Process.Continue();
            log.WriteLine($"SIGCONT {victim.Name} at {DateTimeOffset.FromUnixTimeMilliseconds(resumedAt):HH:mm:ss.fff} UTC");

            // Paused or gone: the process ended (a downed node runs its coordinated shutdown and `run` ends), or it
            // answers /ready with the cluster pause. Silence alone proves nothing, so it does not count.
            var outcome = await Waits.Until(
                async () =>
                {
                    if (victim.Process.HasExited)
                    {
                        return "exited";
                    }

                    var ready = await victim.ReadyAsync();
                    return ready.Status == 503 && ready.Body.Contains("cluster", StringComparison.OrdinalIgnoreCase) ? $"/ready 503 {ready.Body}" : string.Empty;
                },
                s => s.Length > 0,
                $"the resumed {victim.Name} pauses its symbols (/ready 503 naming the cluster) or leaves (exits)",
                TimeSpan.FromSeconds(30),
                _ => victim.Process.Tail(10));
            log.WriteLine($"{victim.Name} after SIGCONT: {outcome}");

            // Its symbols stay with the majority.
            var after = await rig.WaitForSettledAsync(majority, TimeSpan.FromSeconds(20));
            ClusterRig.Entities.Should().OnlyContain(e => after.OwnerOf(e) != victim.Address);

            await sampling.CancelAsync();
            await sampler;
            var orders = await rig.Venue.OrdersAsync();
            var fromVictim = VenueAudit.SentBy(orders, ports.Keys.ToHashSet(), resumedAt);
            log.WriteLine($"venue: {orders.Count} order requests; {ports.Count} ports of {victim.Name}; after SIGCONT from it: {fromVictim.Count}"
                + string.Concat(fromVictim.Select(o => $"\n  {DateTimeOffset.FromUnixTimeMilliseconds(o.ReceivedMs):HH:mm:ss.fff} {o.Route} {o.Symbol} {o.ClientId} {o.Side} {o.Type} reduceOnly={o.ReduceOnly} → {o.HttpStatus}/{o.Code}")));
            using (new AssertionScope())
            {
                // Both reported when both fail: an order from the minority and whether it duplicated the majority's.
                fromVictim.Should().BeEmpty("a node that lost the majority must not send an order after it resumes");
                VenueAudit.DuplicateEntries(orders).Should().BeEmpty("no signal may be entered twice");
            }
        }
        catch
        {
            rig.DumpTails();
            throw;
        }
        finally
        {
            await sampling.CancelAsync();
        }
    }
}
