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
/// <see cref="Venue"/>, <see cref="Market"/> and <see cref="Execution"/> are the primary venue's; with several venues
/// <see cref="OtherVenues"/> has the others', asked the same way.
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
    /// <summary>Every venue after the primary (empty with one venue).</summary>
    public IReadOnlyList<VenueSnapshot> OtherVenues { get; init; } = [];

    /// <summary>Every venue's part, the primary first.</summary>
    public IEnumerable<VenueSnapshot> AllVenues => OtherVenues.Prepend(new VenueSnapshot(Venue?.Venue ?? string.Empty, Venue, Market, Execution));

    /// <summary>One venue.</summary>
    public static Task<ServiceSnapshot> GatherAsync(ActorSystem system, string venue, CancellationToken ct) => GatherAsync(system, [venue], ct);

    /// <summary>Every venue of <paramref name="venues"/> (the primary first), all asked side by side.</summary>
    public static async Task<ServiceSnapshot> GatherAsync(ActorSystem system, IReadOnlyList<string> venues, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(venues);
        var others = venues.Skip(1).Select(v => VenueSnapshot.GatherAsync(system, v, ct)).ToList();
        var primary = await GatherPrimaryAsync(system, venues[0], ct).ConfigureAwait(false);
        try
        {
            return primary with { OtherVenues = await Task.WhenAll(others).ConfigureAwait(false) };
        }
        catch (OperationCanceledException)
        {
            return primary;
        }
    }

    /// <summary>
    /// Asks /user/bot, /user/strategy, /user/bot/risk and the venue's health, market stream and execution side by side,
    /// each with the probe's short timeout, so a busy actor delays the snapshot by at most that, never the service. A
    /// cancelled <paramref name="ct"/> gives a snapshot of nulls.
    /// </summary>
    private static async Task<ServiceSnapshot> GatherPrimaryAsync(ActorSystem system, string venue, CancellationToken ct)
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

/// <summary>One venue's part of a <see cref="ServiceSnapshot"/>: its health, market stream and execution (null: no answer).</summary>
public sealed record VenueSnapshot(string Name, VenueHealth? Health, MarketStreamStatus? Market, ExecutionStatus? Execution)
{
    public static async Task<VenueSnapshot> GatherAsync(ActorSystem system, string venue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(system);
        var venues = system.ActorSelection("/user/venues");
        var health = ProbeAsk.TryAsync<VenueHealth>(venues, new AskVenue(venue, GetVenueHealth.Instance), ct);
        var market = ProbeAsk.TryAsync<MarketStreamStatus>(venues, new AskVenue(venue, GetMarketStreamStatus.Instance), ct);
        var execution = ProbeAsk.TryAsync<ExecutionStatus>(system.ActorSelection(VenueTrading.ExecutionPath(venue)), GetExecutionStatus.Instance, ct);
        return new VenueSnapshot(venue, await health.ConfigureAwait(false), await market.ConfigureAwait(false), await execution.ConfigureAwait(false));
    }
}
