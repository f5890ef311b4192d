using ActorBot.Engine.Bot;
using ActorBot.Engine.Cluster;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Serialization;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace ActorBot.Host.Service.Cluster;

/// <summary>
/// The cluster half of <see cref="ServiceHost"/>: Akka.Remote and Akka.Cluster with the split-brain resolver, the
/// shard region of the symbol entities (remember-entities, sharding state in the SQL journal), the risk and venue
/// singletons with their proxies, the node's facade (<c>/user/node</c>, registered as the bot and the venues) and the
/// cluster guard. The single-node path never calls it.
/// </summary>
public static class ClusterNode
{
    /// <summary>
    /// Sharding on the trading role with remember-entities, both its coordinator state and the remembered entities
    /// in the SQL journal and snapshot store (PostgreSQL), so every node sees the same ownership and a restarted
    /// cluster starts every symbol it ran.
    /// </summary>
    private static readonly string ShardingHocon = $$"""
        akka.cluster.sharding {
          role = "{{ClusterNames.TradingRole}}"
          remember-entities = on
          remember-entities-store = eventsourced
          state-store-mode = persistence
          journal-plugin-id = "{{SqlPersistenceHocon.JournalPluginId}}"
          snapshot-plugin-id = "{{SqlPersistenceHocon.SnapshotPluginId}}"
        }
        """;

    /// <summary>Remoting, clustering and the HOCON the hosting options do not carry.</summary>
    public static void Configure(AkkaConfigurationBuilder akka, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(settings);
        akka.WithRemoting(settings.Hostname, settings.Port);
        akka.WithClustering(new ClusterOptions
        {
            SeedNodes = settings.SeedNodes.ToArray(),
            Roles = settings.Roles.ToArray(),
            // Counted over the trading role only: a node without it never decides who trades.
            SplitBrainResolver = settings.SplitBrainStrategy == ClusterSettings.KeepOldest
                ? new KeepOldestOption { Role = ClusterNames.TradingRole, DownIfAlone = true }
                : new KeepMajorityOption { Role = ClusterNames.TradingRole },
        });
        // Prepended after WithClustering's own HOCON, so these win where both set a key.
        akka.AddHocon(settings.ToHocon() + Environment.NewLine + ShardingHocon, HoconAddMode.Prepend);
    }

    /// <summary>
    /// Starts the node's cluster actors (after telemetry, HUD and strategy recorder, which stay node-local): proxies,
    /// the region, the singleton managers, the facade and the guard; then asks the region to start every configured
    /// symbol (idempotent on every node, so each runs somewhere even on a fresh journal).
    /// </summary>
    public static async Task StartAsync(ActorSystem system, IActorRegistry registry, ClusterTopology topology, NodeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(inputs);
        system.Settings.InjectTopLevelFallback(ClusterSingleton.DefaultConfig());
        // First: every entity and singleton asks it for the node's standing when it starts.
        registry.Register<ClusterGuard>(system.ActorOf(ClusterGuard.Props(), "cluster-guard"));
        var trading = inputs.Trading;
        var proxySettings = ClusterSingletonProxySettings.Create(system).WithRole(ClusterNames.TradingRole);
        IActorRef? risk = trading is null ? null : system.ActorOf(ClusterSingletonProxy.Props($"/user/{ClusterNames.RiskSingleton}", proxySettings), ProxyName(ClusterNames.RiskSingleton));
        var venues = (trading?.Venues ?? []).ToDictionary(
            v => v.Venue.Venue,
            v => system.ActorOf(ClusterSingletonProxy.Props($"/user/{ClusterNames.VenueSingleton(v.Venue.Venue)}", proxySettings), ProxyName(ClusterNames.VenueSingleton(v.Venue.Venue))),
            StringComparer.Ordinal);

        var plan = new SymbolEntityPlan(inputs.Bot, inputs.Pipelines, inputs.Venues.ToDictionary(v => v.Venue, StringComparer.Ordinal), inputs.Keys, risk);
        var region = await ClusterSharding.Get(system).StartAsync(
            ClusterNames.SymbolRegion,
            entityId => SymbolEntityActor.Props(plan, entityId),
            ClusterShardingSettings.Create(system),
            new SymbolMessageExtractor(topology.Settings.MaxShards)).ConfigureAwait(false);
        registry.Register<SymbolEntityActor>(region);

        if (trading is not null)
        {
            var managerSettings = ClusterSingletonManagerSettings.Create(system).WithRole(ClusterNames.TradingRole);
            foreach (var venue in trading.Venues)
            {
                var name = ClusterNames.VenueSingleton(venue.Venue.Venue);
                var venueTrading = trading.ForVenue(system, venue.Venue.Venue)! with { Risk = risk };
                system.ActorOf(ClusterSingletonManager.Props(ClusterTrading.VenueSingleton(venue.Venue, venueTrading, region), PoisonPill.Instance, managerSettings), name);
            }

            system.ActorOf(ClusterSingletonManager.Props(ClusterTrading.RiskSingleton(trading.Risk, inputs.Bot, venues, region), PoisonPill.Instance, managerSettings), ClusterNames.RiskSingleton);
        }

        // The probe, kill switch, dashboard and liquidation API ask "the bot" and "the venues": on a node, its facade.
        var node = system.ActorOf(ClusterBotFacade.Props(inputs.Bot, region, risk, venues), "node");
        registry.Register<BotActor>(node);
        registry.Register<VenuesActor>(node);

        foreach (var entityId in topology.EntityIds)
        {
            region.Tell(new ShardRegion.StartEntity(entityId));
        }
    }

    private static string ProxyName(string singleton) => $"{singleton}-proxy";
}
