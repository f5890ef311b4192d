using Microsoft.Extensions.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// Hands the native heap's free pages back to the kernel (<see cref="NativeHeap.Trim"/>) once the service has
/// started — most of the start-up's native scratch is free by then — and every <see cref="Interval"/> from start, so what
/// a burst (a reconnect storm, a snapshot) freed does not stay resident. On the thread pool, never on an actor; one
/// trim is a walk of two small arenas (milliseconds). A plain hosted service, not a BackgroundService: its clock
/// waits are registered inside StartAsync, so they start when the host starts (and a test's fake clock sees them).
/// </summary>
internal sealed class NativeHeapTrimmer(TimeProvider time, Func<bool> trim) : IHostedService, IDisposable
{
    /// <summary>Long enough to cost nothing, short enough that a burst's garbage leaves within a minute.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    /// <summary>After start-up: the actor tree, the first REST snapshots and the model are loaded by then.</summary>
    public static readonly TimeSpan FirstTrim = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Trims done (whether or not glibc had anything to give back).</summary>
    public int Trims { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken stopping)
    {
        // Ticks every Interval from start (a tick that falls while the first trim runs is kept, not lost).
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            await Task.Delay(FirstTrim, time, stopping).ConfigureAwait(false);
            TrimOnce();
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                TrimOnce();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
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
