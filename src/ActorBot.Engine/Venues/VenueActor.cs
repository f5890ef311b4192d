using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// <c>/user/venues/{venue}</c>: owns the venue's REST gateway (HttpClient, weight limiter, ban state) and its
/// decode-error counter, and supervises <c>health</c> and <c>market</c> and, when it trades, <c>execution</c> and
/// <c>account</c> — all on the one REST client, so market data and orders share one weight limiter and ban state.
/// In trade mode paper <c>execution</c> is the in-process <see cref="PaperExecutionActor"/> (no account, no key),
/// fed by <c>market</c>'s trade batches: one path to the execution whatever the mode.
/// A crashing child restarts alone (its PostStop releases the socket; PreStart opens a new one). Pause causes go to
/// the bot ref it is given.
/// </summary>
public sealed class VenueActor : ReceiveActor
{
    private readonly VenueSettings _settings;
    private readonly IActorRef _bot;
    private readonly HttpClient _http;
    private readonly BinanceRestClient _rest;
    private readonly VenueTrading? _trading;
    private readonly PaperSettings? _paper;
    private readonly MailboxDepths _mailboxes;
    private readonly bool _marketData;

    /// <param name="trading">execution and account settings in testnet/live; null: market data only.</param>
    /// <param name="paper">trade mode paper: the in-process execution's settings (it runs as <c>execution</c>); null: none.</param>
    /// <param name="keys">the venue's keys as the host read them from its environment (null: none); trading's win.</param>
    /// <param name="marketData">
    /// false: no <c>market</c> child (cluster: the venue-account singleton, whose symbols stream in their own entities);
    /// health then judges the REST gateway alone.
    /// </param>
    public VenueActor(VenueSettings settings, IActorRef bot, VenueTrading? trading = null, PaperSettings? paper = null, BinanceCredentials? keys = null, bool marketData = true)
    {
        _marketData = marketData;
        _paper = paper;
        _settings = settings;
        _bot = bot;
        _trading = trading;
        var metrics = ActorBotMetrics.For(Context.System);
        _mailboxes = metrics.Mailboxes;
        Errors = new DecodeErrorCounter(metrics.DecodeErrors);
        _http = new HttpClient();
        var options = settings.RestOptions();
        // Keys only from the host's environment (BINANCE_API_KEY / BINANCE_API_SECRET, or the documented
        // ACTORBOT_BINANCE_USDM_API_KEY / _API_SECRET), read by the host once at start and handed down: never from
        // this process's variables here, so a test's (or another service's) injected environment is the one used.
        // Market data needs none. Never logged.
        var credentials = trading?.Credentials ?? keys;
        _rest = new BinanceRestClient(_http, options, credentials, Errors);

        Receive<GetVenueHealth>(m => Context.Child("health").Forward(m));
        Receive<GetMarketStreamStatus>(m => Context.Child("market").Forward(m));
        Receive<GetAccountStatus>(m => Context.Child("account").Forward(m));
        Receive<GetExecutionStatus>(m => Context.Child("execution").Forward(m));
        Receive<GetPaperExecutionStatus>(m => Context.Child("execution").Forward(m));
        Receive<CancelAll>(m => Context.Child("execution").Forward(m));
        // Cluster: /risk reaches execution through this venue's singleton proxy, so the money path is forwarded too.
        Receive<PlaceEntry>(m => Context.Child("execution").Forward(m));
        Receive<ClosePosition>(m => Context.Child("execution").Forward(m));
        Receive<SyncTrade>(m => Context.Child("execution").Forward(m));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { venue = _settings.Venue, trading = _trading is not null, paper = _paper is not null, apiKey = credentials is not null, decodeErrors = Errors.Total, rest = _rest.Status.ToString() }));
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
        // Paper: created before the market stream, which sends it every trade batch (the prints it fills on).
        var trades = _paper is { } paper ? Context.ActorOf(PaperExecutionActor.Props(paper), "execution") : null;
        if (trades is not null)
        {
            _mailboxes.Track(trades);
        }

        if (_marketData)
        {
            _mailboxes.Track(Context.ActorOf(Props.Create(() => new MarketDataActor(_settings, rest, errors, _bot, health, trades)), "market"));
        }
        else
        {
            health.Tell(new StreamStateChanged(true, "no market stream here: the symbols stream in their own entities"));
        }

        if (_trading is { } trading)
        {
            // Execution first: the account forwards the user stream's order events to it from its first frame.
            var execution = Context.ActorOf(ExecutionActor.Props(trading.Execution, rest, null, errors, trading.OrphanOutcomes, trading.EntryFence, trading.WriteFence), "execution");
            _mailboxes.Track(execution);
            _mailboxes.Track(Context.ActorOf(AccountActor.Props(trading.Account, rest, _settings.WsBaseUri, errors, execution, _bot, trading.Risk), "account"));
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => RestartCountingStrategy.RestartUpTo10PerMinute();

    protected override void PostStop() => _http.Dispose();
}
