using System.Collections.Concurrent;
using ActorBot.Engine.Probing;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>One actor as <c>/actors</c> shows it (docs/api.md).</summary>
public sealed record ActorNodeView(
    string Path,
    string? Type,
    bool Answered,
    object? Summary,
    int Restarts,
    string? LastFailure,
    IReadOnlyList<string> Children,
    string? Error);

/// <summary>
/// Walks the live actor tree for <c>/actors</c>: every actor is asked <see cref="ProbeState"/> with a short timeout,
/// and its answer names its children, which are asked next — all of one level in parallel, so the walk takes at most
/// (depth × timeout) however many symbols run. An actor that does not answer in time is listed with the restart
/// figures its parent gave and "no answer in time"; its subtree is not walked (it named no children).
/// </summary>
internal static class ActorTreeProbe
{
    /// <summary>Per actor: short, because the tree is a few levels deep and a scrape must not hang.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public const string NoAnswer = "no answer in time";

    public const string NotOurs = "not an ActorBot actor (Akka's own): not probed";

    public static async Task<IReadOnlyList<ActorNodeView>> WalkAsync(ActorSystem system, CancellationToken ct)
    {
        var nodes = new ConcurrentBag<ActorNodeView>();
        var ledger = RestartLedger.For(system);
        // /user is Akka's guardian: it answers no probe of ours. Its children are read from the runtime's own
        // (thread-safe) child container, and their restarts from the ledger the guardian's strategy writes.
        var guardianChildren = (((ExtendedActorSystem)system).Guardian as ActorRefWithCell)?.Children ?? [];
        var visits = new List<Task>();
        foreach (var child in guardianChildren)
        {
            var path = child.Path.ToStringWithoutAddress();
            var record = ledger.Get(child.Path);
            // Akka's own top-level actors (Akka.Streams' StreamSupervisor, ...) answer no probe of ours: listed by the
            // type their props name (runtime metadata, not actor state), not asked, so they cost no timeout.
            if ((child as ActorRefWithCell)?.Underlying.Props.Type is { } type && type.Assembly != typeof(ProbeState).Assembly)
            {
                nodes.Add(new ActorNodeView(path, type.Name, false, null, record.Restarts, record.LastFailure, [], NotOurs));
                // Cluster: a singleton manager is Akka's, the singleton under it (risk, a venue account) is ours when
                // it runs on this node.
                if (type == typeof(Akka.Cluster.Tools.Singleton.ClusterSingletonManager))
                {
                    visits.Add(VisitIfHereAsync(system, path + "/singleton", nodes, ct));
                }

                continue;
            }

            visits.Add(VisitAsync(system, path, new ChildProbe(path, record.Restarts, record.LastFailure), nodes, ct));
        }

        // Cluster: the symbol entities this node runs live under the shard region, outside /user.
        foreach (var entityPath in await LocalEntityPathsAsync(system, ct).ConfigureAwait(false))
        {
            visits.Add(VisitAsync(system, entityPath, new ChildProbe(entityPath, 0, null), nodes, ct));
        }

        await Task.WhenAll(visits).ConfigureAwait(false);
        return nodes.OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Where the probe may look: the user tree, and on a cluster node the symbol entities' shard region.</summary>
    public static bool IsProbePath(string path) =>
        path.StartsWith("/user/", StringComparison.Ordinal) || path.StartsWith(EntityRoot + "/", StringComparison.Ordinal);

    private const string EntityRoot = "/system/sharding/" + ActorBot.Engine.Cluster.ClusterNames.SymbolRegion;

    // The paths of the symbol entities running on this node (none on a single node): /system/sharding/symbols/{shard}/{id},
    // the id escaped as sharding names the child.
    private static async Task<IReadOnlyList<string>> LocalEntityPathsAsync(ActorSystem system, CancellationToken ct)
    {
        if (((ExtendedActorSystem)system).Provider is not Akka.Cluster.ClusterActorRefProvider)
        {
            return [];
        }

        var region = system.ActorSelection(EntityRoot);
        var state = await ProbeAsk.TryAsync<Akka.Cluster.Sharding.CurrentShardRegionState>(region, Akka.Cluster.Sharding.GetShardRegionState.Instance, ct, Timeout).ConfigureAwait(false);
        return state is null
            ? []
            : state.Shards.SelectMany(s => s.EntityIds.Select(id => $"{EntityRoot}/{s.ShardId}/{Uri.EscapeDataString(id)}")).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    private static async Task VisitIfHereAsync(ActorSystem system, string path, ConcurrentBag<ActorNodeView> nodes, CancellationToken ct)
    {
        var identity = await ProbeAsk.TryAsync<ActorIdentity>(system.ActorSelection(path), new Identify(null), ct, Timeout).ConfigureAwait(false);
        if (identity?.Subject is not null)
        {
            await VisitAsync(system, path, new ChildProbe(path, 0, null), nodes, ct).ConfigureAwait(false);
        }
    }

    /// <summary>One actor by path; null when no actor lives there.</summary>
    public static async Task<ActorNodeView?> ProbeOneAsync(ActorSystem system, string path, CancellationToken ct)
    {
        // Identify is answered by the actor cell itself (even during a persistent actor's recovery), and for a path
        // with no actor by Akka at once, so "unknown" and "busy" are told apart.
        var identity = await ProbeAsk.TryAsync<ActorIdentity>(system.ActorSelection(path), new Identify(null), ct, Timeout).ConfigureAwait(false);
        if (identity is { Subject: null })
        {
            return null;
        }

        var probe = identity?.Subject is { } subject
            ? await ProbeAsk.TryAsync<ActorProbe>(subject, ProbeState.Instance, ct, Timeout).ConfigureAwait(false)
            : null;
        return probe is null ? Unanswered(path, null) : View(path, probe);
    }

    private static async Task VisitAsync(ActorSystem system, string path, ChildProbe fromParent, ConcurrentBag<ActorNodeView> nodes, CancellationToken ct)
    {
        var probe = await ProbeAsk.TryAsync<ActorProbe>(system.ActorSelection(path), ProbeState.Instance, ct, Timeout).ConfigureAwait(false);
        if (probe is null)
        {
            nodes.Add(Unanswered(path, fromParent));
            return;
        }

        nodes.Add(View(path, probe));
        await Task.WhenAll(probe.Children.Select(c => VisitAsync(system, path + "/" + c.Name, c, nodes, ct))).ConfigureAwait(false);
    }

    private static ActorNodeView View(string path, ActorProbe probe) =>
        new(path, probe.Type, true, probe.Summary, probe.Restarts, probe.LastFailure, probe.Children.Select(c => c.Name).ToList(), null);

    private static ActorNodeView Unanswered(string path, ChildProbe? fromParent) =>
        new(path, null, false, null, fromParent?.Restarts ?? 0, fromParent?.LastFailure, [], NoAnswer);
}
