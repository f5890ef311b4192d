using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;

namespace ActorBot.Engine.Telemetry;

/// <summary>
/// The actors whose mailbox depth <c>actorbot_mailbox_depth{actor}</c> shows: their parents register them when they
/// create them (a ref survives restarts). Read on the scrape thread from Akka's own count of the cell's queued
/// messages (<see cref="ICell.NumberOfMessages"/>, thread-safe); no field of any actor is read. Stopped actors drop out.
/// </summary>
public sealed class MailboxDepths
{
    private readonly ConcurrentDictionary<string, IActorRef> _actors = new(StringComparer.Ordinal);

    public void Track(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _actors[actor.Path.ToStringWithoutAddress()] = actor;
    }

    internal IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (path, actor) in _actors)
        {
            if (actor is not ActorRefWithCell { Underlying: var cell } || cell.IsTerminated)
            {
                _actors.TryRemove(path, out _);
                continue;
            }

            yield return new Measurement<long>(cell.NumberOfMessages, new KeyValuePair<string, object?>("actor", path));
        }
    }
}
