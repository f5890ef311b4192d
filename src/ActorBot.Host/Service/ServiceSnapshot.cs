using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>
/// What the running service's actors say about themselves at one moment — the facts the run summary and the dashboard
/// both show. Every part was asked of the actor that owns it (null: it did not answer in time, or does not run in this
/// mode). <see cref="Execution"/> is the venue's <c>execution</c>, the venue's (testnet, live) or paper's.
/// </summary>
public sealed record ServiceSnapshot(
    DateTimeOffset At,
    BotStatus? Bot,
    StrategyStatus? Strategy,
    RiskStatus? Risk,
    VenueHealth? Venue,
    MarketStreamStatus? Market,
    ExecutionStatus? Execution)
{
    /// <summary>
    /// Asks /user/bot, /user/strategy, /user/bot/risk and the venue's health, market stream and execution side by side,
    /// each with the probe's short timeout, so a busy actor delays the snapshot by at most that, never the service. A
    /// cancelled <paramref name="ct"/> gives a snapshot of nulls.
    /// </summary>
    public static async Task<ServiceSnapshot> GatherAsync(ActorSystem system, string venue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(system);
        var venues = system.ActorSelection("/user/venues");
        var bot = ProbeAsk.TryAsync<BotStatus>(system.ActorSelection("/user/bot"), GetBotStatus.Instance, ct);
        var strategy = ProbeAsk.TryAsync<StrategyStatus>(system.ActorSelection("/user/strategy"), GetStrategyStatus.Instance, ct);
        var risk = ProbeAsk.TryAsync<RiskStatus>(system.ActorSelection("/user/bot/risk"), GetRiskStatus.Instance, ct);
        var health = ProbeAsk.TryAsync<VenueHealth>(venues, new AskVenue(venue, GetVenueHealth.Instance), ct);
        var market = ProbeAsk.TryAsync<MarketStreamStatus>(venues, new AskVenue(venue, GetMarketStreamStatus.Instance), ct);
        var execution = ProbeAsk.TryAsync<ExecutionStatus>(system.ActorSelection(VenueTrading.ExecutionPath(venue)), GetExecutionStatus.Instance, ct);
        try
        {
            return new ServiceSnapshot(DateTimeOffset.UtcNow, await bot.ConfigureAwait(false), await strategy.ConfigureAwait(false), await risk.ConfigureAwait(false),
                await health.ConfigureAwait(false), await market.ConfigureAwait(false), await execution.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            return new ServiceSnapshot(DateTimeOffset.UtcNow, null, null, null, null, null, null);
        }
    }
}
