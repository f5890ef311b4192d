using ActorBot.Engine.Probing;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>What one <c>/user/venues/{venue}</c> runs: its settings (and symbols), execution and account (testnet, live), paper execution (paper) and keys.</summary>
public sealed record VenuePlan(VenueSettings Settings, VenueTrading? Trading = null, PaperSettings? Paper = null, BinanceCredentials? Keys = null);

/// <summary>
/// <c>/user/venues</c>: one <see cref="VenueActor"/> child per venue that streams market data, created
/// by the host next to <c>/user/bot</c>. Venues are independent: one restarting leaves the others alone, and each has
/// its own REST client, health, market stream, execution, account, keys and symbols.
/// </summary>
public sealed class VenuesActor : ReceiveActor
{
    private readonly IReadOnlyList<VenuePlan> _plans;
    private readonly IActorRef _bot;

    /// <param name="trading">the trading venue's execution and account settings (testnet, live); null: market data only.</param>
    /// <param name="paper">trade mode paper: the paper execution's settings, run as that venue's <c>execution</c>.</param>
    /// <param name="keys">the venue keys the host read from its environment (null: none), for every venue's REST client.</param>
    public VenuesActor(IReadOnlyList<VenueSettings> venues, IActorRef bot, VenueTrading? trading = null, PaperSettings? paper = null, BinanceCredentials? keys = null)
        : this(venues.Select(v => new VenuePlan(v, trading?.Execution.Venue == v.Venue ? trading : null, paper?.Venue == v.Venue ? paper : null, keys)).ToList(), bot)
    {
    }

    /// <param name="plans">one per venue subtree.</param>
    public VenuesActor(IReadOnlyList<VenuePlan> plans, IActorRef bot)
    {
        _plans = plans;
        _bot = bot;

        Receive<AskVenue>(m =>
        {
            var venue = Context.Child(m.Venue);
            if (venue.IsNobody())
            {
                Sender.Tell(new Status.Failure(new ArgumentException($"venue {m.Venue} is not streaming market data")));
                return;
            }

            venue.Forward(m.Query);
        });
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new
        {
            venues = _plans.Select(p => p.Settings.Venue).ToList(),
            trading = _plans.Where(p => p.Trading is not null).Select(p => p.Settings.Venue).ToList(),
            paper = _plans.Where(p => p.Paper is not null).Select(p => p.Settings.Venue).ToList(),
            symbols = _plans.ToDictionary(p => p.Settings.Venue, p => p.Settings.Symbols),
        }));
    }

    protected override void PreStart()
    {
        foreach (var plan in _plans)
        {
            var (venue, trading, paper, keys) = (plan.Settings, plan.Trading, plan.Paper, plan.Keys);
            Context.ActorOf(Props.Create(() => new VenueActor(venue, _bot, trading, paper, keys)), venue.Venue);
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => RestartCountingStrategy.RestartUpTo10PerMinute();
}
