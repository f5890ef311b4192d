using Akka.Actor;
using Akka.Persistence;

namespace ActorBot.Persistence.Tests.Serialization;

/// <summary>The CLR type <c>Added</c> became after a rename (other name, other namespace), same JSON shape.</summary>
public sealed record ValueAppended(string Value);

/// <summary>Recovers <see cref="ValueAppended"/> events and reports each, then <c>done@N</c>.</summary>
public sealed class RenamedCounterActor : ReceivePersistentActor
{
    public RenamedCounterActor(string persistenceId, IActorRef probe)
    {
        PersistenceId = persistenceId;
        Recover<ValueAppended>(e => probe.Tell(e));
        Recover<RecoveryCompleted>(_ => probe.Tell($"done@{LastSequenceNr}"));
    }

    public override string PersistenceId { get; }
}
