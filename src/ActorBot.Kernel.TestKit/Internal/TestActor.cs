using System.Collections.Concurrent;
using Akka.Actor;

namespace Akka.TestKit.Internal;

/// <summary>
/// The actor behind <c>TestActor</c> and every probe: queues every message it receives (Terminated
/// included) for the test thread, and performs watch requests from the test kit.
/// </summary>
internal sealed class TestActor(BlockingCollection<RealMessageEnvelope> queue) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchRequest watch:
                Context.Watch(watch.Subject);
                break;
            case UnwatchRequest unwatch:
                Context.Unwatch(unwatch.Subject);
                break;
            default:
                queue.Add(new RealMessageEnvelope(message, Sender));
                break;
        }

        return true;
    }

    internal sealed record WatchRequest(IActorRef Subject);

    internal sealed record UnwatchRequest(IActorRef Subject);
}
