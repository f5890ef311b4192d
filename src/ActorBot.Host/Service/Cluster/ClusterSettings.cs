using ActorBot.Domain.Modes;
using ActorBot.Engine.Cluster;
using ActorBot.Engine.Configuration;
using ActorBot.Persistence.Sql;
using Akka.Configuration;

namespace ActorBot.Host.Service.Cluster;

/// <summary>
/// <c>actorbot.cluster</c> (hocon/actorbot.conf, docs/cluster.md): whether this process is a cluster node, where it
/// listens, whom it joins, and the failure detector and split-brain timings. Every key is read even when the cluster is
/// off, so a bad value fails <c>run</c> with exit 2 whichever way it runs; <see cref="CheckCanRun"/> refuses the
/// deployments that cannot work (SQLite, paper, no seed nodes) only when it is on.
/// </summary>
public sealed record ClusterSettings(
    bool Enabled,
    IReadOnlyList<string> SeedNodes,
    string Hostname,
    int Port,
    IReadOnlyList<string> Roles,
    int MaxShards,
    TimeSpan HeartbeatInterval,
    TimeSpan AcceptableHeartbeatPause,
    string SplitBrainStrategy,
    TimeSpan StableAfter,
    bool DownAllWhenUnstable,
    TimeSpan DownRemovalMargin)
{
    /// <summary>The actor system's name: every seed node address must name it (<c>akka.tcp://actorbot@…</c>).</summary>
    public const string SystemName = "actorbot";

    public const string KeepMajority = "keep-majority";
    public const string KeepOldest = "keep-oldest";

    private const string Prefix = "actorbot.cluster.";

    public static ClusterSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var hostname = config.Text(Prefix + "hostname", "127.0.0.1")?.Trim() ?? string.Empty;
        if (hostname.Length == 0 || hostname is "0.0.0.0" or "::" or "*")
        {
            throw Bad("hostname", $"must be the address other nodes reach this one at (got \"{hostname}\")");
        }

        var port = config.Int(Prefix + "port", 4053);
        if (port is < 0 or > 65535)
        {
            throw Bad("port", $"must be a TCP port 0-65535 (got {port})");
        }

        var roles = config.TextList(Prefix + "roles").Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (!roles.Contains(ClusterNames.TradingRole, StringComparer.Ordinal))
        {
            throw Bad("roles", $"must include {ClusterNames.TradingRole} (the role that owns symbols and singletons; got [{string.Join(", ", roles)}])");
        }

        var maxShards = config.Int(Prefix + "max-shards", 50);
        if (maxShards is < 1 or > 10_000)
        {
            throw Bad("max-shards", $"must be 1-10000 (got {maxShards})");
        }

        var strategy = config.Text(Prefix + "split-brain.strategy", KeepMajority)?.Trim() ?? string.Empty;
        if (strategy is not (KeepMajority or KeepOldest))
        {
            throw Bad("split-brain.strategy", $"must be {KeepMajority} or {KeepOldest} (got \"{strategy}\")");
        }

        var heartbeat = Positive(config, "failure-detector.heartbeat-interval", TimeSpan.FromSeconds(1));
        var pause = Positive(config, "failure-detector.acceptable-heartbeat-pause", TimeSpan.FromSeconds(3));
        if (pause <= heartbeat)
        {
            throw Bad("failure-detector.acceptable-heartbeat-pause", $"must be longer than heartbeat-interval ({heartbeat.TotalMilliseconds:0} ms; got {pause.TotalMilliseconds:0} ms)");
        }

        return new ClusterSettings(
            config.Flag(Prefix + "enabled", false),
            ReadSeedNodes(config),
            hostname,
            port,
            roles,
            maxShards,
            heartbeat,
            pause,
            strategy,
            Positive(config, "split-brain.stable-after", TimeSpan.FromSeconds(4)),
            config.Flag(Prefix + "split-brain.down-all-when-unstable", true),
            NonNegative(config, "down-removal-margin", TimeSpan.FromSeconds(1)));
    }

    /// <summary>
    /// Refuses (a <see cref="ConfigurationException"/>: <c>run</c> exits 2 with one line) a cluster that cannot work:
    /// SQLite (a file cannot be shared by processes), paper mode (fills are in-process, so a takeover would lose them)
    /// and no seed nodes (the node could never join). Nothing to check when the cluster is off.
    /// </summary>
    public void CheckCanRun(TradeMode mode, SqlProvider persistence)
    {
        if (!Enabled)
        {
            return;
        }

        if (persistence != SqlProvider.PostgreSql)
        {
            throw new ConfigurationException("cluster mode needs actorbot.persistence.provider-name = postgresql: a SQLite file cannot be shared by the nodes (docs/cluster.md)");
        }

        if (mode == TradeMode.Paper)
        {
            throw new ConfigurationException("cluster mode cannot run in paper mode: paper fills are in-process and would be lost at a takeover; use testnet against `actorbot simulate` (docs/cluster.md)");
        }

        if (SeedNodes.Count == 0)
        {
            throw new ConfigurationException($"cluster mode needs {Prefix}seed-nodes (or ACTORBOT_CLUSTER_SEED_NODES): at least one akka.tcp://{SystemName}@host:port (docs/cluster.md)");
        }
    }

    /// <summary>
    /// The Akka HOCON for what Akka.Cluster.Hosting's options do not carry: failure detector, the resolver's timings,
    /// the removal margin of the cluster, sharding and singletons, and stopping a downed node (it must not keep
    /// trading symbols another node now owns).
    /// </summary>
    public string ToHocon() => $$"""
        akka.cluster {
          failure-detector {
            heartbeat-interval = {{Ms(HeartbeatInterval)}}
            acceptable-heartbeat-pause = {{Ms(AcceptableHeartbeatPause)}}
          }
          split-brain-resolver {
            stable-after = {{Ms(StableAfter)}}
            down-all-when-unstable = {{(DownAllWhenUnstable ? "on" : "off")}}
          }
          down-removal-margin = {{Ms(DownRemovalMargin)}}
          run-coordinated-shutdown-when-down = on
        }
        """;

    /// <summary>A seed node is <c>akka.tcp://actorbot@host:port</c>: anything else would never be joined.</summary>
    public static bool IsSeedNode(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && uri.Scheme == "akka.tcp"
        && uri.UserInfo == SystemName
        && uri.Host.Length > 0
        && !uri.IsDefaultPort
        && uri.Port is > 0 and <= 65535
        && uri.AbsolutePath is "" or "/"
        && uri.Query.Length == 0
        && text.EndsWith($":{uri.Port}", StringComparison.Ordinal);

    // A list in the file; a comma-separated string from ACTORBOT_CLUSTER_SEED_NODES (HOCON substitutes it as a string).
    private static IReadOnlyList<string> ReadSeedNodes(Config config)
    {
        const string key = Prefix + "seed-nodes";
        var value = config.HasPath(key) ? config.GetValue(key) : null;
        var items = value is not null && value.IsString()
            ? (config.Text(key, string.Empty) ?? string.Empty).Split(',')
            : config.TextList(key);
        var seeds = items.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        foreach (var seed in seeds)
        {
            if (!IsSeedNode(seed))
            {
                throw Bad("seed-nodes", $"must be akka.tcp://{SystemName}@host:port addresses (got \"{seed}\")");
            }
        }

        return seeds;
    }

    private static TimeSpan Positive(Config config, string key, TimeSpan fallback)
    {
        var value = config.Duration(Prefix + key, fallback);
        return value > TimeSpan.Zero ? value : throw Bad(key, $"must be a positive duration (got {value.TotalMilliseconds:0} ms)");
    }

    private static TimeSpan NonNegative(Config config, string key, TimeSpan fallback)
    {
        var value = config.Duration(Prefix + key, fallback);
        return value >= TimeSpan.Zero ? value : throw Bad(key, $"must not be negative (got {value.TotalMilliseconds:0} ms)");
    }

    private static ConfigurationException Bad(string key, string problem) => new($"{Prefix}{key} {problem}");

    private static string Ms(TimeSpan value) => $"{(long)value.TotalMilliseconds}ms";
}
