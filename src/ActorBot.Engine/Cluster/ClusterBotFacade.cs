using ActorBot.Engine.Bot;
using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// SKELETON (lead implements). A cluster node's stand-in for <c>/user/bot</c> and <c>/user/venues</c> (<c>/user/node</c>):
/// what the probe, the kill switch, the dashboard and the liquidation API ask a single-node service's bot and venues,
/// it answers for this node. <see cref="GetBotStatus"/>: the symbols this node owns (merged statuses); a symbol's
/// query: forwarded to its entity when it runs here, else a failure naming where it runs; <see cref="SetKillSwitch"/>:
/// to the risk singleton and every symbol entity; <see cref="Venues.AskVenue"/>: to the venue singleton.
/// </summary>
public sealed class ClusterBotFacade : ReceiveActor
{
    public ClusterBotFacade(BotSettings bot, IActorRef region, IActorRef? risk, IReadOnlyDictionary<string, IActorRef> venues)
    {
        _ = (bot, region, risk, venues);
    }

    public static Props Props(BotSettings bot, IActorRef region, IActorRef? risk, IReadOnlyDictionary<string, IActorRef> venues) =>
        Akka.Actor.Props.Create(() => new ClusterBotFacade(bot, region, risk, venues));
}
