using ActorBot.Domain.Modes;
using ActorBot.Domain.Venues;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Liquidations;
using Akka.Configuration;

namespace ActorBot.Engine.Bot;

/// <summary>What <c>/user/bot</c> needs to start, read from the <c>actorbot</c> HOCON section.</summary>
public sealed record BotSettings(
    TradeMode Mode,
    string Venue,
    IReadOnlyList<string> Symbols,
    TimeSpan StaleTimeout,
    TimeSpan PauseHysteresis,
    LiquidationSettings? Liquidations = null)
{
    public const string DefaultVenue = "binance-usdm";

    /// <summary>Symbol → the enabled venue that trades it (<see cref="SymbolVenues"/>); empty: every symbol on <see cref="Venue"/>.</summary>
    public IReadOnlyDictionary<string, string> VenueOfSymbol { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Cluster entities: a symbol's first data after the bot started clears its stale-data pause at once instead of after
    /// <see cref="PauseHysteresis"/> (a takeover has no flapping history to guard against). Off on one node.
    /// </summary>
    public bool FirstDataClearsAtOnce { get; init; }

    /// <summary>The enabled venues, the primary (<see cref="Venue"/>) first; null: <see cref="Venue"/> alone.</summary>
    public IReadOnlyList<string>? EnabledVenues { get; init; }

    /// <summary>Every enabled venue (each its own <c>/user/venues/{venue}</c> subtree), <see cref="Venue"/> first.</summary>
    public IReadOnlyList<string> Venues => EnabledVenues is { Count: > 0 } list ? list : [Venue];

    /// <summary>The venue that trades <paramref name="symbol"/>: its pause reasons and its orders are that venue's.</summary>
    public string VenueFor(string symbol) => VenueOfSymbol.TryGetValue(symbol, out var venue) ? venue : Venue;

    /// <summary>The symbols <paramref name="venue"/> trades, in the configured order.</summary>
    public IReadOnlyList<string> SymbolsOn(string venue) => Symbols.Where(s => VenueFor(s) == venue).ToList();

    /// <summary>Reads the settings; a bad value is a <see cref="ConfigurationException"/> naming the key.</summary>
    public static BotSettings FromConfig(Config config, TradeMode mode)
    {
        ArgumentNullException.ThrowIfNull(config);
        var symbols = config.HasPath("actorbot.symbols")
            ? config.TextList("actorbot.symbols").Select(s => s.Trim().ToUpperInvariant()).ToList()
            : ["BTCUSDT"];
        if (symbols.Count == 0 || symbols.Any(s => s.Length == 0 || !s.All(c => char.IsLetterOrDigit(c) || c == '_')))
        {
            throw new ConfigurationException("actorbot.symbols must list one or more symbols made of letters, digits and underscores, e.g. [\"BTCUSDT\"]");
        }

        var stale = config.Duration("actorbot.safe-pause.stale-timeout", TimeSpan.FromSeconds(10));
        var hysteresis = config.Duration("actorbot.safe-pause.clear-hysteresis", TimeSpan.FromSeconds(5));
        if (stale <= TimeSpan.Zero)
        {
            throw new ConfigurationException("actorbot.safe-pause.stale-timeout must be positive");
        }

        if (hysteresis < TimeSpan.Zero)
        {
            throw new ConfigurationException("actorbot.safe-pause.clear-hysteresis must not be negative");
        }

        var distinct = symbols.Distinct().ToList();
        var assigned = SymbolVenues.Assign(distinct, EnabledVenuesOf(config), DefaultVenue);
        if (assigned.Error is { } error)
        {
            throw new ConfigurationException(error);
        }

        // The default venue stays the primary when it is enabled (its name is in today's pause reasons and files).
        var venues = assigned.Venues.OrderBy(v => v == DefaultVenue ? 0 : 1).ThenBy(v => v, StringComparer.Ordinal).ToList();
        return new BotSettings(mode, venues.FirstOrDefault() ?? DefaultVenue, distinct, stale, hysteresis, LiquidationSettings.FromConfig(config))
        {
            VenueOfSymbol = assigned.VenueOf,
            EnabledVenues = venues,
        };
    }

    /// <summary>
    /// Each <c>actorbot.venues.{name}</c> with <c>enabled = true</c> and its <c>symbols</c> (upper-cased), in name
    /// order. A venue not enabled is not read further.
    /// </summary>
    private static List<(string Venue, IReadOnlyList<string> Symbols)> EnabledVenuesOf(Config config)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        if (!config.HasPath("actorbot.venues"))
        {
            return result;
        }

        var names = config.GetConfig("actorbot.venues")?.AsEnumerable().Select(e => e.Key).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
        foreach (var name in names)
        {
            var prefix = $"actorbot.venues.{name}";
            if (!config.Flag($"{prefix}.enabled", false))
            {
                continue;
            }

            var listed = config.HasPath($"{prefix}.symbols")
                ? config.TextList($"{prefix}.symbols").Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList()
                : [];
            result.Add((name, listed));
        }

        return result;
    }
}
