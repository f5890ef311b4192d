using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// <c>/user/venues/{venue}</c>: owns the venue's REST gateway (HttpClient, weight limiter, ban state) and its
/// decode-error counter, and supervises <c>health</c> and <c>market</c>. A crashing child restarts alone
/// (its PostStop releases the socket; PreStart opens a new one). Pause causes go to the bot ref it is given.
/// </summary>
public sealed class VenueActor : ReceiveActor
{
    private readonly VenueSettings _settings;
    private readonly IActorRef _bot;
    private readonly HttpClient _http;
    private readonly BinanceRestClient _rest;
    private readonly IActorRef? _trades;

    /// <param name="trades">gets every trade batch next to the bot (paper mode: the paper execution); null: none.</param>
    public VenueActor(VenueSettings settings, IActorRef bot, IActorRef? trades = null)
    {
        _trades = trades;
        _settings = settings;
        _bot = bot;
        Errors = new DecodeErrorCounter();
        _http = new HttpClient();
        var options = new BinanceRestOptions { BaseAddress = settings.RestBaseUri, RequestTimeout = settings.ConnectTimeout };
        // Keys only from the environment (BINANCE_API_KEY / BINANCE_API_SECRET, or the documented
        // ACTORBOT_BINANCE_USDM_API_KEY / _API_SECRET); market data needs none. Never logged.
        var credentials = BinanceCredentials.FromEnvironment() ?? BinanceCredentials.FromEnvironment("ACTORBOT_BINANCE_USDM");
        _rest = new BinanceRestClient(_http, options, credentials, Errors);

        Receive<GetVenueHealth>(m => Context.Child("health").Forward(m));
        Receive<GetMarketStreamStatus>(m => Context.Child("market").Forward(m));
    }

    /// <summary>The venue's decode-error counter (<c>decode_errors_total</c>).</summary>
    public DecodeErrorCounter Errors { get; }

    protected override void PreStart()
    {
        var rest = _rest;
        var health = Context.ActorOf(Props.Create(() => new VenueHealthActor(_settings.Venue, _settings.DisabledGrace, _bot, () => rest.Status)), "health");
        // The event fires on whatever thread made the request: it only sends a message.
        _rest.StatusChanged += s => health.Tell(new RestStatusChanged(s));
        var errors = Errors;
        var trades = _trades;
        Context.ActorOf(Props.Create(() => new MarketDataActor(_settings, rest, errors, _bot, health, trades)), "market");
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart);

    protected override void PostStop() => _http.Dispose();
}
