using Akka.Actor;
using Spectre.Console;

namespace ActorBot.Host.Service;

/// <summary>
/// <c>run --dashboard</c>: a live terminal view refreshed 4 times a second until the run ends. Each refresh is one
/// <see cref="ServiceSnapshot"/> (the actors asked side by side with the probe's short timeout, so a busy actor delays
/// a frame, never the service) — the same facts the run summary is made of.
/// </summary>
public static class Dashboard
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static async Task RunAsync(ActorSystem system, IReadOnlyList<string> venue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(system);
        var first = await ServiceSnapshot.GatherAsync(system, venue, ct).ConfigureAwait(false);
        await AnsiConsole.Live(DashboardView.Render(first)).AutoClear(false).StartAsync(async live =>
        {
            using var tick = new PeriodicTimer(Refresh);
            try
            {
                while (await tick.WaitForNextTickAsync(ct).ConfigureAwait(false))
                {
                    live.UpdateTarget(DashboardView.Render(await ServiceSnapshot.GatherAsync(system, venue, ct).ConfigureAwait(false)));
                }
            }
            catch (OperationCanceledException)
            {
                // The run ended: the last frame stays on screen above the summary.
            }
        }).ConfigureAwait(false);
    }
}
