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
}
