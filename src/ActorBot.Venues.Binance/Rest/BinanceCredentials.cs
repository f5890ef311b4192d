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

    /// <summary>Reads <c>{prefix}_API_KEY</c> and <c>{prefix}_API_SECRET</c>; null when either is missing.</summary>
    public static BinanceCredentials? FromEnvironment(string prefix = "BINANCE")
    {
        var key = Environment.GetEnvironmentVariable($"{prefix}_API_KEY");
        var secret = Environment.GetEnvironmentVariable($"{prefix}_API_SECRET");
        return string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret) ? null : new BinanceCredentials(key, secret);
    }

    public override string ToString() => "BinanceCredentials(***)";
}
