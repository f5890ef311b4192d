using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>SKELETON (lead implements): the Props of the cluster singletons.</summary>
public static class ClusterTrading
{
    /// <summary>
    /// The singleton of one venue account (<see cref="ClusterNames.VenueSingleton"/>): the venue's REST client, health,
    /// <c>execution</c> (persistence id <c>execution-{venue}</c>, restart-flatten at every takeover) and <c>account</c>
    /// (user-data stream, reconciliation); no market stream (those run in the symbol entities). Its pause causes go to
    /// every symbol entity of the venue through <paramref name="region"/>. <paramref name="trading"/>.Risk must be the
    /// risk singleton's proxy.
    /// </summary>
    public static Props VenueSingleton(VenueSettings venue, VenueTrading trading, IActorRef region) =>
        throw new NotSupportedException("skeleton");

    /// <summary>
    /// The portfolio risk singleton (<see cref="ClusterNames.RiskSingleton"/>, persistence id <c>risk</c>): entries to the
    /// venue singleton's execution (<paramref name="venues"/>: venue → singleton proxy), replies to each symbol's trader
    /// through <paramref name="region"/>.
    /// </summary>
    public static Props RiskSingleton(RiskActorSettings risk, BotSettings bot, IReadOnlyDictionary<string, IActorRef> venues, IActorRef region) =>
        throw new NotSupportedException("skeleton");
}
