using Akka.Cluster.Sharding;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// Routes <see cref="ToSymbol"/> to the entity <c>{venue}/{symbol}</c> and unwraps it, so the entity receives the
/// message it was meant to get. Shards are a stable hash of the entity id over <c>max-shards</c>: the number must stay
/// the same for the life of a cluster (changing it moves entities; docs/cluster.md).
/// </summary>
public sealed class SymbolMessageExtractor : HashCodeMessageExtractor
{
    public SymbolMessageExtractor(int maxShards)
        : base(maxShards)
    {
    }

    public override string? EntityId(object message) => message switch
    {
        ToSymbol m => ClusterNames.EntityId(m.Venue, m.Symbol),
        _ => null,
    };

    public override object EntityMessage(object message) => message is ToSymbol m ? m.Message : message;
}
