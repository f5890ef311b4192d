using ActorBot.Domain.Modes;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// What sends orders in testnet and live: the execution, account and risk settings, read (and validated) before the
/// host starts. Null in shadow (decisions and in-process paper trades only), in paper (see <see cref="PaperRuntime"/>) and in testnet without keys
/// (decisions only, said at start). The venue subtree runs them: <c>/user/venues/{venue}/execution</c> and
/// <c>/account</c> on the venue's one REST client (keys from the environment only, read here once and handed down).
/// </summary>
public sealed class TradingRuntime
{
    private readonly BinanceCredentials _credentials;

    private TradingRuntime(ExecutionSettings execution, AccountSettings account, RiskActorSettings risk, VenueSettings venue, BinanceCredentials credentials)
    {
        _credentials = credentials;
        Execution = execution;
        Account = account;
        Risk = risk;
        Venue = venue;
    }

    public ExecutionSettings Execution { get; }

    public AccountSettings Account { get; }

    public RiskActorSettings Risk { get; }

    public VenueSettings Venue { get; }

    /// <summary>Reads the settings (a bad value names its key); null unless testnet/live with keys.</summary>
    /// <param name="warning">why a testnet run sends no orders, for the startup log (null otherwise).</param>
    public static TradingRuntime? Create(Config config, TradeMode mode, VenueSettings? venue, IReadOnlyList<string> symbols, Func<string, string?> environment, out string? warning)
    {
        warning = null;
        if (mode is not (TradeMode.Testnet or TradeMode.Live) || venue is null)
        {
            return null;
        }

        var execution = ExecutionSettings.FromConfig(config, venue.Venue, symbols);
        var account = AccountSettings.FromConfig(config, venue.Venue, symbols);
        var risk = RiskSettingsReader.FromConfig(config);
        var credentials = BinanceCredentials.ForUsdm(environment);
        if (credentials is null)
        {
            // Live cannot get here (its gate requires the keys); testnet without keys still streams and decides.
            warning = $"{mode.ToConfigString()}: no venue API keys in the environment (BINANCE_API_KEY / BINANCE_API_SECRET): decisions only, no orders are sent";
            return null;
        }

        return new TradingRuntime(execution, account, risk, venue, credentials);
    }

    /// <summary>
    /// /user/bot's risk wiring: entries go to <c>/user/venues/{venue}/execution</c> by path, because the venue subtree
    /// is created after the bot (it needs the bot's ref) and a path reaches whichever incarnation is running.
    /// </summary>
    public RiskWiring RiskWiring(ActorSystem system) => new(Risk, system.ActorSelection(Engine.Venues.VenueTrading.ExecutionPath(Venue.Venue)));

    /// <summary>What <c>/user/venues/{venue}</c> needs to run execution and account; free balance and filters go to /user/bot/risk.</summary>
    public VenueTrading ForVenue(ActorSystem system) => new(Execution, Account, _credentials, system.ActorSelection("/user/bot/risk"));
}
