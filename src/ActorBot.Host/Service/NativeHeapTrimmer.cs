using Microsoft.Extensions.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// Hands the native heap's free pages back to the kernel (<see cref="NativeHeap.Trim"/>) once the service has
/// started — most of the start-up's native scratch is free by then — and every <see cref="Interval"/> after, so what
/// a burst (a reconnect storm, a snapshot) freed does not stay resident. On the thread pool, never on an actor; one
/// trim is a walk of two small arenas (milliseconds, `-- service` benchmark notes in docs/benchmarks.md).
/// </summary>
internal sealed class NativeHeapTrimmer(TimeProvider time, Func<bool> trim) : BackgroundService
{
    /// <summary>Long enough to cost nothing, short enough that a burst's garbage leaves within a minute.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    /// <summary>After start-up: the actor tree, the first REST snapshots and the model are loaded by then.</summary>
    public static readonly TimeSpan FirstTrim = TimeSpan.FromSeconds(15);

    /// <summary>Trims done (whether or not glibc had anything to give back); for tests and the log.</summary>
    public int Trims { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstTrim, time, stoppingToken).ConfigureAwait(false);
            TrimOnce();
            using var timer = new PeriodicTimer(Interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                TrimOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing to finish.
        }
    }

    private void TrimOnce()
    {
        trim();
        Trims++;
    }
}
