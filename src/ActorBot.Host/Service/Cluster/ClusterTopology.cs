using ActorBot.Engine.Bot;
using ActorBot.Engine.Cluster;

namespace ActorBot.Host.Service.Cluster;

/// <summary>
/// What a cluster node runs (docs/cluster.md), decided before the host starts: the configured symbols' entity ids and
/// the singletons (risk and one per trading venue, in testnet/live with keys only, as on one node). The probe's
/// <c>/cluster</c> reads it to name them.
/// </summary>
public sealed record ClusterTopology(ClusterSettings Settings, IReadOnlyList<string> EntityIds, IReadOnlyList<string> Singletons)
{
    /// <summary>The configured symbols as entity ids, and the singletons trading needs (none in shadow).</summary>
    public static ClusterTopology For(ClusterSettings settings, BotSettings bot, TradingRuntime? trading)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var entities = bot.Symbols.Select(s => ClusterNames.EntityId(bot.VenueFor(s), s)).ToList();
        var singletons = trading is null
            ? []
            : trading.Venues.Select(v => ClusterNames.VenueSingleton(v.Venue.Venue)).Prepend(ClusterNames.RiskSingleton).ToList();
        return new ClusterTopology(settings, entities, singletons);
    }

    /// <summary>The shard of an entity id, as the region computes it.</summary>
    public string ShardOf(string entityId) => new SymbolMessageExtractor(Settings.MaxShards).ShardId(entityId, null);
}
