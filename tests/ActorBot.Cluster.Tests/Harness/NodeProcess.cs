using System.Globalization;
using System.Net;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>
/// One <c>actorbot run --cluster --trade-mode testnet</c> process (or a single-node <c>run</c>): its remoting port (its identity in the cluster),
/// its probe port, its own state directory and config file, and the probe's <c>/cluster</c> and <c>/ready</c>.
/// Can be killed and started again on the same ports, as an operator restarting a crashed node would.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly string _config;
    private readonly bool _cluster;
    private readonly HttpClient _probe;

    /// <param name="cluster">False: a single-node <c>run</c> (no <c>--cluster</c>), the baseline a takeover is compared with.</param>
    public NodeProcess(int index, int remotingPort, int probePort, string directory, string config, bool cluster = true)
    {
        Index = index;
        _cluster = cluster;
        RemotingPort = remotingPort;
        ProbePort = probePort;
        Directory = directory;
        _config = config;
        _probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{probePort}"), Timeout = TimeSpan.FromSeconds(2) };
    }

    public int Index { get; }

    public int RemotingPort { get; }

    public int ProbePort { get; }

    public string Directory { get; }

    /// <summary>Host and port as <see cref="ClusterView.Normalise"/> spells member addresses.</summary>
    public string Address => $"127.0.0.1:{RemotingPort.ToString(CultureInfo.InvariantCulture)}";

    public ChildProcess? Process { get; private set; }

    public bool Running => Process is { HasExited: false };

    public string Name => $"node{Index}";

    public void Start()
    {
        Process?.Dispose();
        Process = new ChildProcess(
            Name,
            (_cluster ? ["run", "--cluster"] : new[] { "run" }).Concat(["--config", _config, "--trade-mode", "testnet", "--http-port", ProbePort.ToString(CultureInfo.InvariantCulture)]),
            Directory,
            new Dictionary<string, string?>
            {
                // The simulator's fixed test keys; only ever sent to the loopback simulator process.
                ["BINANCE_API_KEY"] = ClusterRig.SimApiKey,
                ["BINANCE_API_SECRET"] = ClusterRig.SimApiSecret,
                ["ACTORBOT_HTTP_PORT"] = null,
                ["KILL_SWITCH"] = null,
                ["DRY_RUN"] = null,
            });
    }

    /// <summary>This node's <c>/cluster</c>, or null while it does not answer (starting, stopped, killed).</summary>
    public async Task<ClusterView?> ClusterAsync()
    {
        if (!Running)
        {
            return null;
        }

        try
        {
            using var response = await _probe.GetAsync("/cluster");
            return response.StatusCode == HttpStatusCode.OK ? ClusterView.Parse(await response.Content.ReadAsStringAsync()) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary><c>/ready</c>: status code and body, or (0, reason) when the probe does not answer.</summary>
    public async Task<(int Status, string Body)> ReadyAsync()
    {
        try
        {
            using var response = await _probe.GetAsync("/ready");
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, ex.GetType().Name);
        }
    }

    public void Dispose()
    {
        Process?.Dispose();
        _probe.Dispose();
    }
}
