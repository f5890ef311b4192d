using Akka.Actor;

namespace ActorBot.Scenarios.ScenarioA;

/// <summary>
/// Stands in for the trader as an intent's ReplyTo: a named actor in the service's own system, because /risk answers
/// an approved entry through an <see cref="ActorSelection"/> of the ReplyTo's path, which does not reach an Ask's
/// temporary actor. Completes with the first message it gets, then stops.
/// </summary>
internal sealed class FirstReply : ReceiveActor
{
    public FirstReply(TaskCompletionSource<object> reply) =>
        ReceiveAny(m =>
        {
            reply.TrySetResult(m);
            Context.Stop(Self);
        });
}
