namespace ActorBot.Venues.Tests.Streams;

/// <summary>Waits for a condition produced by real sockets (polls; fails with the message after the timeout).</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, double seconds = 10, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for: {what} {diagnostics?.Invoke()}");
            }

            await Task.Delay(10);
        }
    }
}
