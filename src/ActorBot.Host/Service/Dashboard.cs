using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;
using Spectre.Console;

namespace ActorBot.Host.Service;

/// <summary>
/// <c>run --dashboard</c>: a live terminal view refreshed 4 times a second until the run ends. Each refresh asks the
/// actors (bot, strategy, risk, the venue's health, market stream and execution) side by side with the probe's short
/// timeout, so a busy actor delays a frame, never the service.
/// </summary>
public static class Dashboard
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static async Task RunAsync(ActorSystem system, string venue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(system);
        var first = await SnapshotAsync(system, venue, ct).ConfigureAwait(false);
        await AnsiConsole.Live(DashboardView.Render(first)).AutoClear(false).StartAsync(async live =>
        {
            using var tick = new PeriodicTimer(Refresh);
            try
            {
                while (await tick.WaitForNextTickAsync(ct).ConfigureAwait(false))
                {
                    live.UpdateTarget(DashboardView.Render(await SnapshotAsync(system, venue, ct).ConfigureAwait(false)));
                }
            }
            catch (OperationCanceledException)
            {
                // The run ended: the last frame stays on screen above the summary.
            }
        }).ConfigureAwait(false);
    }

    private static async Task<DashboardSnapshot> SnapshotAsync(ActorSystem system, string venue, CancellationToken ct)
    {
        var venues = system.ActorSelection("/user/venues");
        var bot = ProbeAsk.TryAsync<BotStatus>(system.ActorSelection("/user/bot"), GetBotStatus.Instance, ct);
        var strategy = ProbeAsk.TryAsync<StrategyStatus>(system.ActorSelection("/user/strategy"), GetStrategyStatus.Instance, ct);
        var risk = ProbeAsk.TryAsync<RiskStatus>(system.ActorSelection("/user/bot/risk"), GetRiskStatus.Instance, ct);
        var health = ProbeAsk.TryAsync<VenueHealth>(venues, new AskVenue(venue, GetVenueHealth.Instance), ct);
        var market = ProbeAsk.TryAsync<MarketStreamStatus>(venues, new AskVenue(venue, GetMarketStreamStatus.Instance), ct);
        var execution = ProbeAsk.TryAsync<ExecutionStatus>(system.ActorSelection($"/user/venues/{venue}/execution"), GetExecutionStatus.Instance, ct);
        try
        {
            return new DashboardSnapshot(DateTimeOffset.UtcNow, await bot.ConfigureAwait(false), await strategy.ConfigureAwait(false), await risk.ConfigureAwait(false),
                await health.ConfigureAwait(false), await market.ConfigureAwait(false), await execution.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            return new DashboardSnapshot(DateTimeOffset.UtcNow, null, null, null, null, null, null);
        }
    }
}
