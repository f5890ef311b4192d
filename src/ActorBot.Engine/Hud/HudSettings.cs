using ActorBot.Domain.Barriers;
using ActorBot.Domain.Hud;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Hud;

/// <summary>The <c>actorbot.hud</c> section (token and chat id are not here: they come from the environment only).</summary>
public sealed record HudSettings(bool Enabled, string BaseUrl, HudThrottleSettings Throttle, TimeSpan SendTimeout, bool Decisions)
{
    public const string DefaultBaseUrl = "https://api.telegram.org";

    /// <summary>Reads the section; a bad value is a <see cref="ConfigurationException"/> naming the key.</summary>
    public static HudSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var baseUrl = config.Text("actorbot.hud.telegram.base-url", DefaultBaseUrl) ?? DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConfigurationException($"actorbot.hud.telegram.base-url = \"{baseUrl}\" is not an http(s) URL");
        }

        var dedup = config.Duration("actorbot.hud.dedup-window", TimeSpan.FromMinutes(5));
        var perMinute = config.Int("actorbot.hud.max-per-minute", 20);
        var queue = config.Int("actorbot.hud.queue-capacity", 100);
        var timeout = config.Duration("actorbot.hud.send-timeout", TimeSpan.FromSeconds(10));
        if (dedup < TimeSpan.Zero)
        {
            throw new ConfigurationException("actorbot.hud.dedup-window must not be negative");
        }

        if (perMinute < 1)
        {
            throw new ConfigurationException("actorbot.hud.max-per-minute must be at least 1");
        }

        if (queue < 1)
        {
            throw new ConfigurationException("actorbot.hud.queue-capacity must be at least 1");
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new ConfigurationException("actorbot.hud.send-timeout must be positive");
        }

        return new HudSettings(
            config.Flag("actorbot.hud.enabled", true),
            baseUrl,
            new HudThrottleSettings(dedup, perMinute, queue),
            timeout,
            config.Flag("actorbot.hud.decisions", false));
    }
}

/// <summary>What the startup message says, and the barrier geometry that prices SL/TP in trade-opened messages.</summary>
public sealed record HudStartup(TradeMode Mode, IReadOnlyList<string> Venues, IReadOnlyList<string> Symbols, BarrierGeometry? Geometry);
