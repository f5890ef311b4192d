using ActorBot.Engine.Configuration;
using ActorBot.Venues.Binance.Rest;
using Akka.Configuration;

namespace ActorBot.Engine.Venues;

/// <summary>
/// Which environment variables hold a venue's API key and secret: <c>actorbot.venues.{venue}.api-key-env</c> /
/// <c>api-secret-env</c> (binance-usdm: <c>BINANCE_API_KEY</c> / <c>BINANCE_API_SECRET</c>) first, then
/// <c>ACTORBOT_{VENUE}_API_KEY</c> / <c>_API_SECRET</c> (the name upper-cased, '-' as '_'). Only the names are
/// configuration; the values come from the host's environment and are never logged.
/// </summary>
public static class VenueKeys
{
    /// <summary>The variable pairs tried, in order.</summary>
    public static IReadOnlyList<(string Key, string Secret)> Names(Config config, string venue)
    {
        ArgumentNullException.ThrowIfNull(config);
        var prefix = $"actorbot.venues.{venue}";
        var names = new List<(string, string)>();
        var key = config.Text($"{prefix}.api-key-env", null);
        var secret = config.Text($"{prefix}.api-secret-env", null);
        if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(secret))
        {
            names.Add((key.Trim(), secret.Trim()));
        }
        else if (!string.IsNullOrWhiteSpace(key) || !string.IsNullOrWhiteSpace(secret))
        {
            throw new ConfigurationException($"{prefix}.api-key-env and {prefix}.api-secret-env name the key and secret variables together: set both or neither");
        }

        var own = "ACTORBOT_" + venue.ToUpperInvariant().Replace('-', '_');
        names.Add(($"{own}_API_KEY", $"{own}_API_SECRET"));
        return names;
    }

    /// <summary>The venue's keys from <paramref name="environment"/> (the first complete pair), or null.</summary>
    public static BinanceCredentials? Read(Config config, string venue, Func<string, string?> environment) =>
        Names(config, venue).Select(n => BinanceCredentials.FromNames(environment, n.Key, n.Secret)).FirstOrDefault(c => c is not null);

    /// <summary>The first pair's names as the startup warning shows them ("BINANCE_API_KEY / BINANCE_API_SECRET").</summary>
    public static string Describe(Config config, string venue) => Names(config, venue)[0] is var (k, s) ? $"{k} / {s}" : string.Empty;
}
