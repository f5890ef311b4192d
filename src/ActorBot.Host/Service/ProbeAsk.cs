using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>
/// How the probe reads actor state: an Ask with a short timeout, never a field. An actor that does not answer in
/// time gives null, so a scrape or a health check reports it instead of hanging.
/// </summary>
internal static class ProbeAsk
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static Task<T?> TryAsync<T>(ICanTell actor, object message, CancellationToken ct)
        where T : class => TryAsync<T>(actor, message, ct, Timeout);

    public static async Task<T?> TryAsync<T>(ICanTell actor, object message, CancellationToken ct, TimeSpan timeout)
        where T : class
    {
        try
        {
            return actor switch
            {
                IActorRef actorRef => await actorRef.Ask<T>(message, timeout).WaitAsync(ct).ConfigureAwait(false),
                ActorSelection selection => await selection.Ask<T>(message, timeout).WaitAsync(ct).ConfigureAwait(false),
                _ => throw new ArgumentException($"cannot ask {actor.GetType().Name}", nameof(actor)),
            };
        }
        catch (Exception ex) when (ex is AskTimeoutException or ActorNotFoundException)
        {
            return null;
        }
    }
}
