using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// SKELETON (lead implements). Node-local (<c>/user/cluster-guard</c>): watches membership and publishes
/// <see cref="ClusterPauseChanged"/> on the local event stream when this node loses the majority of the trading role,
/// is downed, or leaves.
/// </summary>
public sealed class ClusterGuard : ReceiveActor
{
    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterGuard());
}
