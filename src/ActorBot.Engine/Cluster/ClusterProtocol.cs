using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// Marks a message that crosses nodes (shard envelopes, the money path between a symbol entity and the singletons,
/// pause causes). Every such type is bound to our serializer with a stable manifest (<see cref="ClusterMessages"/>),
/// never to Akka's reflection-based default.
/// </summary>
public interface IClusterMessage;

/// <summary>
/// To the symbol entity <c>{Venue}/{Symbol}</c> through the shard region, wherever it runs. The entity hands
/// <paramref name="Message"/> to its own tree: trading replies to the trader, pause causes and queries to its bot.
/// Delivery is at most once (a message to a dying node is lost): senders retry and the entity de-duplicates.
/// </summary>
public sealed record ToSymbol(string Venue, string Symbol, object Message) : IClusterMessage;

/// <summary>
/// Published on a node's local event stream by the cluster guard: this node lost the majority, was downed, or is
/// leaving (<paramref name="Paused"/> true), or is a healthy member again. Every symbol entity and singleton on the
/// node pauses entries while it is true (SAFE_PAUSE <c>cluster</c>), before another node can take its symbols.
/// </summary>
public sealed record ClusterPauseChanged(bool Paused, string Reason);

/// <summary>
/// Asks a symbol entity's bot for its status from outside the entity (the node's facade, the probe); answered with
/// the entity's <see cref="Bot.BotStatus"/>.
/// </summary>
public sealed record GetEntityStatus(IActorRef? ReplyTo = null) : IClusterMessage;
