namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// API key and secret. Only read from the environment; <see cref="ToString"/> never shows either, so
/// logging, config dumps and exception messages cannot leak them.
/// </summary>
public sealed class BinanceCredentials
{
    public BinanceCredentials(string apiKey, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ApiKey = apiKey;
        Secret = secret;
    }

    public string ApiKey { get; }

    internal string Secret { get; }

    /// <summary>
    /// Reads <c>{prefix}_API_KEY</c> and <c>{prefix}_API_SECRET</c> from an injected environment (the service host's,
    /// so tests never share process variables); null when either is missing. There is deliberately no overload that
    /// reads the process's variables: the host decides which environment counts.
    /// </summary>
    public static BinanceCredentials? FromEnvironment(Func<string, string?> environment, string prefix = "BINANCE")
    {
        ArgumentNullException.ThrowIfNull(environment);
        var key = environment($"{prefix}_API_KEY");
        var secret = environment($"{prefix}_API_SECRET");
        return string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret) ? null : new BinanceCredentials(key, secret);
    }

    /// <summary>Reads the variables <paramref name="keyName"/> and <paramref name="secretName"/>; null when either is missing.</summary>
    public static BinanceCredentials? FromNames(Func<string, string?> environment, string keyName, string secretName)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var key = environment(keyName);
        var secret = environment(secretName);
        return string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret) ? null : new BinanceCredentials(key, secret);
    }

    /// <summary>The venue's keys: <c>BINANCE_API_KEY</c>/<c>_SECRET</c>, else the documented <c>ACTORBOT_BINANCE_USDM_*</c> pair.</summary>
    public static BinanceCredentials? ForUsdm(Func<string, string?> environment) =>
        FromEnvironment(environment) ?? FromEnvironment(environment, "ACTORBOT_BINANCE_USDM");

    public override string ToString() => "BinanceCredentials(***)";
}
