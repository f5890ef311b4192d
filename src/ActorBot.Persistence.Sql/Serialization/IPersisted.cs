namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// Optional marker for persisted events and snapshots. It is bound to our serializer, so a type that carries it but
/// was never given a manifest fails loudly (the write is rejected naming the type) instead of falling through to
/// Akka's reflection-based default serializer, whose <c>$type</c> names break on a rename.
/// </summary>
public interface IPersisted
{
}
