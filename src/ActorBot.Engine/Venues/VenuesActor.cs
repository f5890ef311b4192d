using ActorBot.Engine.Probing;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// <c>/user/venues</c>: one <see cref="VenueActor"/> child per venue that streams market data, created
/// by the host next to <c>/user/bot</c>. Venues are independent: one restarting leaves the others alone.
/// </summary>
public sealed class VenuesActor : ReceiveActor
{
    private readonly IReadOnlyList<VenueSettings> _venues;
    private readonly IActorRef _bot;
    private readonly VenueTrading? _trading;
    private readonly PaperSettings? _paper;
    private readonly BinanceCredentials? _keys;

    /// <param name="trading">the trading venue's execution and account settings (testnet, live); null: market data only.</param>
    /// <param name="paper">trade mode paper: the paper execution's settings, run as that venue's <c>execution</c>.</param>
    /// <param name="keys">the venue keys the host read from its environment (null: none), for every venue's REST client.</param>
    public VenuesActor(IReadOnlyList<VenueSettings> venues, IActorRef bot, VenueTrading? trading = null, PaperSettings? paper = null, BinanceCredentials? keys = null)
    {
        _keys = keys;
        _paper = paper;
        _venues = venues;
        _bot = bot;
        _trading = trading;

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
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { venues = _venues.Select(v => v.Venue).ToList(), trading = _trading?.Execution.Venue, paper = _paper?.Venue }));
    }

    protected override void PreStart()
    {
        foreach (var venue in _venues)
        {
            var trading = _trading?.Execution.Venue == venue.Venue ? _trading : null;
            var paper = _paper?.Venue == venue.Venue ? _paper : null;
            var keys = _keys;
            Context.ActorOf(Props.Create(() => new VenueActor(venue, _bot, trading, paper, keys)), venue.Venue);
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => RestartCountingStrategy.RestartUpTo10PerMinute();
}
