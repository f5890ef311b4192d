using ActorBot.Domain.Modes;
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

        return new BotSettings(mode, DefaultVenue, symbols.Distinct().ToList(), stale, hysteresis, LiquidationSettings.FromConfig(config));
    }
}
