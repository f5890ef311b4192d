namespace Akka.Configuration;

/// <summary>Null-tolerant helpers (Akka.NET's <c>Akka.Configuration.ConfigExtensions</c>).</summary>
public static class ConfigExtensions
{
    /// <summary>True when <paramref name="config"/> is null or has no keys.</summary>
    public static bool IsNullOrEmpty(this Config config) => config is null || config.IsEmpty;

    /// <summary>Like <see cref="Config.WithFallback"/>, but a null or empty side is simply skipped.</summary>
    public static Config SafeWithFallback(this Config config, Config fallback)
    {
        if (config.IsNullOrEmpty())
        {
            return fallback.IsNullOrEmpty() ? Config.Empty : fallback;
        }

        if (fallback.IsNullOrEmpty() || ReferenceEquals(config, fallback))
        {
            return config;
        }

        return config.WithFallback(fallback);
    }
}
