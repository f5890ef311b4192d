using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorBot.Engine.Cluster;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>
/// The process-level rig of issue 13: a throwaway PostgreSQL, the venue simulator as its own process serving six
/// symbols, and three <c>actorbot run --cluster --trade-mode testnet</c> processes on 127.0.0.1 with distinct remoting
/// and probe ports, one seed list and one database.
/// <para>
/// Schema: created ONCE by the rig, with the host's own <see cref="SchemaCreator"/>, before any node starts (a
/// one-shot schema step), so the three nodes start together; each node's own start-up creation then finds every
/// table in place (IF NOT EXISTS, under an advisory lock) and creates nothing — the issue saw three fresh nodes
/// initialising one empty database race.
/// </para>
/// <para>
/// Six symbols from the one bundled day: BTCUSD_PERP as recorded and five alias names served by the simulator
/// (<c>--alias</c>) — the same market six times, not six markets (as tests/ActorBot.Benchmarks/soak.sh does).
/// </para>
/// </summary>
internal sealed class ClusterRig : IAsyncDisposable
{
    public const string SimApiKey = "sim-api-key";
    public const string SimApiSecret = "sim-api-secret";
    public const string VenueName = "binance-usdm";
    public const string Recorded = "BTCUSD_PERP";

    public static readonly IReadOnlyList<string> Symbols = [Recorded, "BTCUSD_PERP_B", "BTCUSD_PERP_C", "BTCUSD_PERP_D", "BTCUSD_PERP_E", "BTCUSD_PERP_F"];

    public static readonly IReadOnlyList<string> Entities = Symbols.Select(s => ClusterNames.EntityId(VenueName, s)).ToList();

    private readonly Action<string> _log;
    private readonly string _root;
    private ThrowawayPostgres? _postgres;
    private ChildProcess? _simulator;
    private string _ws = string.Empty;
    private bool _keep;
    private VenueClient? _venue;

    private ClusterRig(Action<string> log)
    {
        _log = log;
        _root = Path.Combine(Path.GetTempPath(), "actorbot-cluster-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(_root);
    }

    public IReadOnlyList<NodeProcess> Nodes { get; private set; } = [];

    public VenueClient Venue => _venue ?? throw new InvalidOperationException("not started");

    public Uri VenueRest { get; private set; } = null!;

    /// <summary>Starts PostgreSQL (schema created once), the simulator process and three nodes; returns once the nodes are started (not yet Up).</summary>
    public static async Task<ClusterRig> StartAsync(Action<string> log, int speed = 1000)
    {
        var rig = new ClusterRig(log);
        try
        {
            await rig.BootAsync(speed);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>The live nodes' views of the cluster (a node that does not answer is left out).</summary>
    public async Task<IReadOnlyList<(NodeProcess Node, ClusterView View)>> ViewsAsync()
    {
        var views = await Task.WhenAll(Nodes.Where(n => n.Running).Select(async n => (Node: n, View: await n.ClusterAsync())));
        return views.Where(v => v.View is not null).Select(v => (v.Node, v.View!)).ToList();
    }

    /// <summary>Ownership merged over the answering nodes; live = the nodes that answer <c>/cluster</c> and are Up in their own view.</summary>
    public async Task<(Ownership Ownership, IReadOnlyList<(NodeProcess Node, ClusterView View)> Views)> OwnershipAsync(IEnumerable<NodeProcess>? among = null)
    {
        var allowed = (among ?? Nodes).Select(n => n.Address).ToHashSet(StringComparer.Ordinal);
        var views = (await ViewsAsync()).Where(v => allowed.Contains(v.Node.Address)).ToList();
        var live = views.Where(v => v.View.IsUp(v.Node.Address)).Select(v => v.Node.Address);
        return (Ownership.Merge(views.Select(v => v.View), live), views);
    }

    /// <summary>
    /// Waits until each of <paramref name="members"/> answers, sees exactly those nodes Up (no one unreachable), and
    /// every symbol entity is owned once by one of them.
    /// </summary>
    public async Task<Ownership> WaitForSettledAsync(IReadOnlyList<NodeProcess> members, TimeSpan timeout)
    {
        var expected = members.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        var (ownership, _) = await Waits.Until(
            () => FailFast(members, () => OwnershipAsync(members)),
            s => s.Views.Count == members.Count
                && s.Views.All(v => v.View.UpMembers.ToHashSet(StringComparer.Ordinal).SetEquals(expected) && v.View.Unreachable.Count == 0)
                && s.Ownership.EachOwnedOnceByLive(Entities),
            $"{string.Join(", ", members.Select(m => m.Name))} Up and every symbol owned once",
            timeout,
            Describe);
        return ownership;
    }

    /// <summary>
    /// The start every failure test and the benchmark need: every symbol owned once, the shards spread over the three
    /// nodes, and every node's /ready 200 (<paramref name="before"/> names the moment in a failure message).
    /// </summary>
    public async Task<Ownership> WaitForTradingAsync(string before)
    {
        await WaitForSettledAsync(Nodes, TimeSpan.FromSeconds(90));
        var owners = await WaitForBalancedAsync(TimeSpan.FromSeconds(60));
        await WaitForReadyAsync(Nodes, $"every node /ready 200 {before}".TrimEnd(), TimeSpan.FromSeconds(45));
        return owners;
    }

    /// <summary>
    /// Settled (<see cref="WaitForSettledAsync"/>) and every node owns at least one symbol. The first node Up is
    /// allocated every shard; the coordinator's rebalance then spreads them (every rebalance-interval, 10 s), so a test
    /// that kills "a node" waits for this, or it would always kill the owner of everything.
    /// </summary>
    public async Task<Ownership> WaitForBalancedAsync(TimeSpan timeout)
    {
        var expected = Nodes.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        var (ownership, _) = await Waits.Until(
            () => FailFast(Nodes, () => OwnershipAsync()),
            s => s.Views.Count == Nodes.Count
                && s.Views.All(v => v.View.UpMembers.ToHashSet(StringComparer.Ordinal).SetEquals(expected) && v.View.Unreachable.Count == 0)
                && s.Ownership.EachOwnedOnceByLive(Entities)
                && Nodes.All(n => s.Ownership.CountByOwner(Entities).GetValueOrDefault(n.Address) > 0),
            "every node Up and owning at least one symbol, each symbol owned once",
            timeout,
            Describe);
        return ownership;
    }

    /// <summary>Whether every listed node answers <c>/ready</c> with 200 (trading, no SAFE_PAUSE), and what each answered.</summary>
    public static async Task<(bool AllReady, string Text)> ReadinessAsync(IEnumerable<NodeProcess> nodes)
    {
        var answers = await Task.WhenAll(nodes.Select(async n => (n.Name, Ready: await n.ReadyAsync())));
        return (answers.All(a => a.Ready.Status == 200), string.Join("; ", answers.Select(a => $"{a.Name}: {a.Ready.Status} {Cut(a.Ready.Body, 200)}")));
    }

    /// <summary>Waits until every listed node answers <c>/ready</c> with 200.</summary>
    public static Task WaitForReadyAsync(IReadOnlyList<NodeProcess> nodes, string what, TimeSpan timeout) =>
        Waits.Until(() => ReadinessAsync(nodes), r => r.AllReady, what, timeout, r => r.Text);

    /// <summary>
    /// A single-node <c>run</c> (no cluster, its own SQLite state) against the same venue, the same symbols: the
    /// baseline for a takeover (kill it, start it again, time until /ready 200). Not started; the caller disposes it.
    /// </summary>
    public async Task<NodeProcess> SingleNodeAsync()
    {
        var dir = Path.Combine(_root, "single");
        System.IO.Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "node.conf");
        await File.WriteAllTextAsync(config, NodeConfig(null, string.Empty, VenueRest.ToString().TrimEnd('/'), _ws, null));
        return new NodeProcess(0, 0, FreePort(), dir, config, cluster: false);
    }

    /// <summary>
    /// Writes every process's output tail to the test log and keeps the rig's directory (every process's full output
    /// in its <c>{name}.log</c>, the nodes' state) instead of deleting it: called when a test fails.
    /// </summary>
    public void DumpTails()
    {
        _keep = true;
        _log($"rig directory kept: {_root} (node*/node*.log, simulator.log)");
        foreach (var node in Nodes.Where(n => n.Process is not null))
        {
            _log(node.Process!.Tail(30));
        }

        if (_simulator is not null)
        {
            _log(_simulator.Tail(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        _simulator?.Dispose();
        _venue?.Dispose();
        _postgres?.Dispose();
        await Task.CompletedTask;
        if (_keep)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A node's last write racing the delete; the temp dir is left for the OS.
        }
    }

    // A node that exited cannot become Up: fail at once with its output instead of waiting out the timeout.
    private static Task<T> FailFast<T>(IEnumerable<NodeProcess> members, Func<Task<T>> probe)
    {
        var dead = members.FirstOrDefault(m => m.Process is { HasExited: true });
        return dead is null ? probe() : throw new InvalidOperationException($"{dead.Name} exited while the cluster was expected to settle\n{dead.Process!.Tail()}");
    }

    private static string Describe((Ownership Ownership, IReadOnlyList<(NodeProcess Node, ClusterView View)> Views) s) =>
        $"answering: {string.Join(", ", s.Views.Select(v => $"{v.Node.Name} sees Up [{string.Join(", ", v.View.UpMembers)}] unreachable [{string.Join(", ", v.View.Unreachable)}]"))}; owners: {s.Ownership}"
        + (s.Views.Count > 0 && s.Views[0].View.Owners.Count == 0 ? $"; raw /cluster of {s.Views[0].Node.Name}: {Cut(s.Views[0].View.Raw, 600)}" : string.Empty);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private async Task BootAsync(int speed)
    {
        _postgres = ThrowawayPostgres.Start();
        await SchemaCreator.CreateAsync(new SqlPersistenceOptions(SqlProvider.PostgreSql, _postgres.ConnectionString));

        var data = Path.Combine(AppContext.BaseDirectory, "data", "binance", "BTCUSD_PERP-aggTrades-2026-05-08.zip");
        var simArgs = new List<string> { "simulate", "--data", data, "--port", "0", "--speed", speed.ToString(CultureInfo.InvariantCulture), "--follow", "--rebase-timestamps" };
        foreach (var alias in Symbols.Skip(1))
        {
            simArgs.AddRange(["--alias", $"{Recorded}={alias}"]);
        }

        _simulator = new ChildProcess("simulator", simArgs, _root, new Dictionary<string, string?>());
        var rest = await _simulator.WaitForLine(@"REST (http://[^ ]+)", TimeSpan.FromSeconds(30));
        var ws = await _simulator.WaitForLine(@"WS (ws://[^ ]+)", TimeSpan.FromSeconds(5));
        VenueRest = new Uri(rest.Groups[1].Value.TrimEnd('/'));
        _ws = ws.Groups[1].Value.TrimEnd('/');
        _venue = new VenueClient(VenueRest);

        var remoting = Enumerable.Range(0, 3).Select(_ => FreePort()).ToList();
        var seeds = string.Join(", ", remoting.Select(p => $"\"akka.tcp://actorbot@127.0.0.1:{p}\""));
        var nodes = new List<NodeProcess>();
        for (var i = 0; i < 3; i++)
        {
            var dir = Path.Combine(_root, $"node{i + 1}");
            System.IO.Directory.CreateDirectory(dir);
            var config = Path.Combine(dir, "node.conf");
            await File.WriteAllTextAsync(config, NodeConfig(remoting[i], seeds, VenueRest.ToString().TrimEnd('/'), _ws, _postgres.ConnectionString));
            nodes.Add(new NodeProcess(i + 1, remoting[i], FreePort(), dir, config));
        }

        Nodes = nodes;
        foreach (var node in Nodes)
        {
            node.Start();
        }

        _log($"rig: PostgreSQL on {_postgres.Port}, simulator {VenueRest} at {speed}x, nodes {string.Join(", ", Nodes.Select(n => $"{n.Name} remoting {n.RemotingPort} probe {n.ProbePort}"))}");
    }

    // The cluster section: enabled, this node's host and port, the one seed list (every node, the first one first).
    // Without a port: a single node on its default SQLite state.
    private static string NodeConfig(int? port, string seeds, string rest, string ws, string? connectionString)
    {
        var contracts = string.Join(", ", Symbols.Select(s => $"{s} = inverse-100usd"));
        var sb = new StringBuilder();
        sb.AppendLine("actorbot {");
        sb.AppendLine("  state-dir = \"state\"");
        sb.AppendLine($"  symbols = [{string.Join(", ", Symbols)}]");
        sb.AppendLine("  simulator.enabled = off");

        // No liquidation engines and no order book, which are not under test here: /zones and /calibrator snapshot
        // every few replayed minutes, i.e. many times a second per symbol at 1000x, and on two cores that load
        // timed out the shared journal (its circuit breaker opened; a shard's hand-off then hung). And
        // `actorbot simulate` serves no depth for these symbols: a /public socket that never carries a frame keeps the
        // market stream "waiting for data" (venue disabled, SAFE_PAUSE).
        sb.AppendLine("  liquidations.enabled = off");
        sb.AppendLine("  liquidations.book.enabled = off");
        sb.AppendLine($"  venues.binance-usdm {{ testnet {{ rest-base-url = \"{rest}\", ws-base-url = \"{ws}\" }}, market-data = on, contracts {{ {contracts} }} }}");
        if (port is not null)
        {
            sb.AppendLine($"  persistence {{ provider-name = postgresql, connection-string = \"{connectionString}\" }}");
            sb.AppendLine($"  cluster {{ enabled = on, hostname = \"127.0.0.1\", port = {port}, seed-nodes = [{seeds}] }}");
        }

        sb.AppendLine("}");
        return sb.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
