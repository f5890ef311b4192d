using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// An <see cref="ICanTell"/> for one symbol entity: every message goes through the shard region in a
/// <see cref="ToSymbol"/> envelope, so it reaches the entity on whichever node runs it now.
/// </summary>
public sealed class SymbolTeller(IActorRef region, string venue, string symbol) : ICanTell
{
    public void Tell(object message, IActorRef sender) => region.Tell(new ToSymbol(venue, symbol, message), sender);
}
