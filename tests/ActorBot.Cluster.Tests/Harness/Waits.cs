namespace ActorBot.Cluster.Tests.Harness;

/// <summary>
/// Polls a condition produced by real processes until it holds or the deadline passes (no fixed sleeps). The
/// interval is coarse (200 ms by default): three nodes, PostgreSQL and the venue share two cores, and a probe storm
/// would delay the very heartbeats a failover test measures.
/// </summary>
internal static class Waits
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan timeout, Func<T, string>? describe = null, TimeSpan? interval = null)
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

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
