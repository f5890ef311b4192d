using ActorBot.Domain.Modes;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// What sends orders in testnet and live: the venue's signed REST client (keys from the environment only), the
/// execution settings and the risk settings. Null in shadow (decisions and in-process paper trades only), in paper (see
/// <see cref="PaperRuntime"/>)
/// and in testnet without keys (decisions only, said at start). The host owns the HTTP client and disposes it.
/// </summary>
public sealed class TradingRuntime : IDisposable
{
    private readonly HttpClient _http;

    private TradingRuntime(HttpClient http, BinanceRestClient rest, ExecutionSettings execution, RiskActorSettings risk, VenueSettings venue)
    {
        _http = http;
        Rest = rest;
        Execution = execution;
        Risk = risk;
        Venue = venue;
    }

    public BinanceRestClient Rest { get; }

    public ExecutionSettings Execution { get; }

    public RiskActorSettings Risk { get; }

    public VenueSettings Venue { get; }

    public DecodeErrorCounter Errors { get; } = new();

    /// <summary>Reads the settings (a bad value names its key) and, for testnet/live with keys, builds the client.</summary>
    /// <param name="warning">why a testnet run sends no orders, for the startup log (null otherwise).</param>
    public static TradingRuntime? Create(Config config, TradeMode mode, VenueSettings? venue, IReadOnlyList<string> symbols, out string? warning)
    {
        warning = null;
        if (mode is not (TradeMode.Testnet or TradeMode.Live) || venue is null)
        {
            return null;
        }

        var execution = ExecutionSettings.FromConfig(config, venue.Venue, symbols);
        var risk = RiskSettingsReader.FromConfig(config);
        var credentials = BinanceCredentials.FromEnvironment() ?? BinanceCredentials.FromEnvironment("ACTORBOT_BINANCE_USDM");
        if (credentials is null)
        {
            // Live cannot get here (its gate requires the keys); testnet without keys still streams and decides.
            warning = $"{mode.ToConfigString()}: no venue API keys in the environment (BINANCE_API_KEY / BINANCE_API_SECRET): decisions only, no orders are sent";
            return null;
        }

        var http = new HttpClient();
        var rest = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = venue.RestBaseUri, RequestTimeout = venue.ConnectTimeout }, credentials, new DecodeErrorCounter());
        return new TradingRuntime(http, rest, execution, risk, venue);
    }

    /// <summary>Starts <c>/user/execution-{venue}</c> (restart-flatten runs before it takes an intent) and returns the risk wiring.</summary>
    public RiskWiring Start(ActorSystem system, out IActorRef execution)
    {
        execution = system.ActorOf(ExecutionActor.Props(Execution, Rest, Venue.WsBaseUri, Errors), $"execution-{Venue.Venue}");
        return new RiskWiring(Risk, execution);
    }

    public void Dispose() => _http.Dispose();
}
