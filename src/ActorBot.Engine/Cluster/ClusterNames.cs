namespace ActorBot.Engine.Cluster;

/// <summary>
/// The names a cluster deployment is addressed by (docs/cluster.md): the shard region of the symbol entities, the
/// singletons, the role every trading node carries and the entity id of a symbol. One place, so a node, the probe and
/// the tests never spell them differently.
/// </summary>
public static class ClusterNames
{
    /// <summary>The shard region of the symbol entities (<c>/system/sharding/symbols</c>).</summary>
    public const string SymbolRegion = "symbols";

    /// <summary>The portfolio risk singleton (persistence id <c>risk</c>, as on one node).</summary>
    public const string RiskSingleton = "risk";

    /// <summary>The role that owns symbols and singletons; the Split Brain Resolver counts its members.</summary>
    public const string TradingRole = "trading";

    /// <summary>The singleton of one venue account: user-data stream, reconciliation, execution, cancel-all.</summary>
    public static string VenueSingleton(string venue) => $"venue-{venue}";

    /// <summary>A symbol's entity id: <c>{venue}/{symbol}</c>.</summary>
    public static string EntityId(string venue, string symbol) => $"{venue}/{symbol}";

    /// <summary>Splits an entity id made by <see cref="EntityId"/>; false for anything else.</summary>
    public static bool TryParseEntityId(string? id, out string venue, out string symbol)
    {
        venue = symbol = "";
        var slash = id?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (id is null || slash <= 0 || slash == id.Length - 1 || id.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        venue = id[..slash];
        symbol = id[(slash + 1)..];
        return true;
    }
}
