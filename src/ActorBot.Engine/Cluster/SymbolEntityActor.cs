using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>SKELETON (lead implements): the sharded entity <c>{venue}/{symbol}</c>.</summary>
public sealed class SymbolEntityActor : ReceiveActor
{
    public SymbolEntityActor(SymbolEntityPlan plan, string entityId)
    {
        _ = plan;
        _ = entityId;
    }

    public static Props Props(SymbolEntityPlan plan, string entityId) => Akka.Actor.Props.Create(() => new SymbolEntityActor(plan, entityId));
}
