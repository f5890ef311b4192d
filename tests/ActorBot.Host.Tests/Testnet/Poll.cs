namespace ActorBot.Host.Tests.Testnet;

/// <summary>Polls a condition produced by real sockets until it holds or the deadline passes (no fixed sleeps).</summary>
internal static class Poll
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan timeout, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}; last seen: {describe?.Invoke(value) ?? value?.ToString()}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>
    /// The actor at <paramref name="path"/> once it exists: children of the venue subtree are created in their
    /// parents' PreStart, after the host has started, and ResolveOne answers "not found" at once rather than waiting.
    /// </summary>
    public static async Task<Akka.Actor.IActorRef> Resolve(Akka.Actor.ActorSystem system, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(1));
            }
            catch (Akka.Actor.ActorNotFoundException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }
    }
}
