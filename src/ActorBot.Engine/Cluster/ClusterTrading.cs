using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>The Props of the cluster singletons, wired to the shard region and to each other's proxies.</summary>
public static class ClusterTrading
{
    /// <summary>
    /// The singleton of one venue account (<see cref="ClusterNames.VenueSingleton"/>): see <see cref="VenueSingletonActor"/>.
    /// <paramref name="trading"/>.Risk must be the risk singleton's proxy; outcomes nobody asked for go there too.
    /// </summary>
    public static Props VenueSingleton(VenueSettings venue, VenueTrading trading, IActorRef region)
    {
        ArgumentNullException.ThrowIfNull(trading);
        var wired = trading with { OrphanOutcomes = trading.OrphanOutcomes ?? trading.Risk };
        return Props.Create(() => new VenueSingletonActor(venue, wired, region));
    }

    /// <summary>
    /// The portfolio risk singleton (<see cref="ClusterNames.RiskSingleton"/>): entries to the venue singleton's execution
    /// (<paramref name="venues"/>: venue → singleton proxy), replies to each symbol's trader through <paramref name="region"/>.
    /// </summary>
    public static Props RiskSingleton(RiskActorSettings risk, BotSettings bot, IReadOnlyDictionary<string, IActorRef> venues, IActorRef region)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(venues);
        var primary = venues.TryGetValue(bot.Venue, out var p) ? p : venues.Values.First();
        var wiring = new RiskWiring(risk, primary)
        {
            VenueOfSymbol = bot.Symbols.ToDictionary(s => s, bot.VenueFor, StringComparer.Ordinal),
            Executions = venues.ToDictionary(v => v.Key, v => (ICanTell)v.Value, StringComparer.Ordinal),
            TraderOf = symbol => new SymbolTeller(region, bot.VenueFor(symbol), symbol),
        };
        return Props.Create(() => new RiskSingletonActor(wiring, region));
    }
}
