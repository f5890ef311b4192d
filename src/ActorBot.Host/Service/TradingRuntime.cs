using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>One trading venue's part: its settings (and symbols), execution and account settings, and its keys.</summary>
public sealed record TradingVenue(VenueSettings Venue, ExecutionSettings Execution, AccountSettings Account, BinanceCredentials Credentials);

/// <summary>
/// What sends orders in testnet and live: per streaming venue the execution and account settings and keys, and the
/// risk settings, read (and validated) before the host starts. Null in shadow (decisions and in-process paper trades
/// only), in paper (see <see cref="PaperRuntime"/>) and in testnet when a venue has no keys (decisions only, said at
/// start: a service never trades some venues and silently not others). Each venue subtree runs its own:
/// <c>/user/venues/{venue}/execution</c> and <c>/account</c> on the venue's one REST client (its keys from the
/// environment only, read here once and handed down).
/// </summary>
public sealed class TradingRuntime
{
    private TradingRuntime(IReadOnlyList<TradingVenue> venues, RiskActorSettings risk)
    {
        Venues = venues;
        Risk = risk;
    }

    /// <summary>Every trading venue, the primary first.</summary>
    public IReadOnlyList<TradingVenue> Venues { get; }

    /// <summary>The primary venue's execution settings.</summary>
    public ExecutionSettings Execution => Venues[0].Execution;

    /// <summary>The primary venue's account settings.</summary>
    public AccountSettings Account => Venues[0].Account;

    public RiskActorSettings Risk { get; }

    /// <summary>The primary venue.</summary>
    public VenueSettings Venue => Venues[0].Venue;

    /// <summary>Reads the settings (a bad value names its key); null unless testnet/live with every venue's keys.</summary>
    /// <param name="venues">the venues that stream (each with its own symbols), the primary first.</param>
    /// <param name="warning">why a testnet run sends no orders, for the startup log (null otherwise).</param>
    public static TradingRuntime? Create(Config config, TradeMode mode, IReadOnlyList<VenueSettings> venues, Func<string, string?> environment, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(venues);
        warning = null;
        if (mode is not (TradeMode.Testnet or TradeMode.Live) || venues.Count == 0)
        {
            return null;
        }

        var risk = RiskSettingsReader.FromConfig(config);
        var trading = new List<TradingVenue>();
        var missing = new List<string>();
        foreach (var venue in venues)
        {
            var execution = ExecutionSettings.FromConfig(config, venue.Venue, venue.Symbols);
            var account = AccountSettings.FromConfig(config, venue.Venue, venue.Symbols);
            if (VenueKeys.Read(config, venue.Venue, environment) is { } credentials)
            {
                trading.Add(new TradingVenue(venue, execution, account, credentials));
            }
            else
            {
                missing.Add(venues.Count == 1 ? VenueKeys.Describe(config, venue.Venue) : $"{venue.Venue}: {VenueKeys.Describe(config, venue.Venue)}");
            }
        }

        if (missing.Count > 0)
        {
            // Live cannot get here (its gate requires the keys); testnet without keys still streams and decides.
            warning = $"{mode.ToConfigString()}: no venue API keys in the environment ({string.Join("; ", missing)}): decisions only, no orders are sent";
            return null;
        }

        return new TradingRuntime(trading, risk);
    }

    /// <summary>The venues as they stream for <paramref name="bot"/>'s symbols: each enabled venue that streams in <paramref name="mode"/>, with its own symbols.</summary>
    public static IReadOnlyList<VenueSettings> StreamingVenues(Config config, TradeMode mode, BotSettings bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        return bot.Venues.Select(v => VenueSettings.FromConfig(config, v, mode, bot.SymbolsOn(v))).OfType<VenueSettings>().ToList();
    }

    /// <summary>
    /// /user/bot's risk wiring: each symbol's entries go to <c>/user/venues/{its venue}/execution</c> by path, because
    /// the venue subtrees are created after the bot (they need the bot's ref) and a path reaches whichever incarnation
    /// is running.
    /// </summary>
    public RiskWiring RiskWiring(ActorSystem system, BotSettings bot) => Wire(system, bot, Risk, Venues.Select(v => v.Venue.Venue).ToList());

    /// <summary>What each <c>/user/venues/{venue}</c> needs to run execution and account; free balance and filters go to /user/bot/risk.</summary>
    public VenueTrading? ForVenue(ActorSystem system, string venue) =>
        Venues.FirstOrDefault(v => v.Venue.Venue == venue) is { } t ? new VenueTrading(t.Execution, t.Account, t.Credentials, system.ActorSelection("/user/bot/risk")) : null;

    /// <summary>Risk wiring that routes each symbol to its venue's execution path (testnet, live and paper alike).</summary>
    internal static RiskWiring Wire(ActorSystem system, BotSettings bot, RiskActorSettings risk, IReadOnlyList<string> venues)
    {
        ICanTell primary = system.ActorSelection(VenueTrading.ExecutionPath(venues[0]));
        return new RiskWiring(risk, primary)
        {
            VenueOfSymbol = bot.Symbols.ToDictionary(s => s, bot.VenueFor, StringComparer.Ordinal),
            Executions = venues.ToDictionary(v => v, v => (ICanTell)system.ActorSelection(VenueTrading.ExecutionPath(v)), StringComparer.Ordinal),
        };
    }
}
