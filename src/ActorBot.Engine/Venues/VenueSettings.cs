using System.Globalization;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Liquidations;
using ActorBot.Venues.Binance.Rest;
using Akka.Configuration;

namespace ActorBot.Engine.Venues;

/// <summary>Whether a venue's market-data subtree runs: by mode (<c>auto</c>), always (<c>on</c>) or never (<c>off</c>).</summary>
public enum MarketDataSwitch
{
    Auto,
    On,
    Off,
}

/// <summary>
/// What a venue subtree (<c>/user/venues/{venue}</c>) needs, read from
/// <c>actorbot.venues.{venue}</c>. Credentials are NOT here: they come only from the environment.
/// </summary>
public sealed record VenueSettings(
    string Venue,
    Uri RestBaseUri,
    Uri WsBaseUri,
    IReadOnlyList<string> Symbols,
    TimeSpan ConnectTimeout,
    TimeSpan StreamStallTimeout,
    TimeSpan DisabledGrace,
    TimeSpan ReconnectMaxDelay)
{
    /// <summary>
    /// Per symbol, how the venue's trade quantity converts to base units (<c>contracts { SYMBOL = inverse-100usd }</c>);
    /// every other symbol is linear (all of USDⓈ-M). Only a simulator replaying COIN-M data needs an entry.
    /// </summary>
    public IReadOnlyDictionary<string, ContractSpec> Contracts { get; init; } = new Dictionary<string, ContractSpec>(StringComparer.Ordinal);

    /// <summary>recvWindow sent with signed requests (<c>recv-window</c>; Binance allows at most 60 s).</summary>
    public TimeSpan RecvWindow { get; init; } = TimeSpan.FromMilliseconds(Defaults.RecvWindowMs);

    /// <summary>Share of the venue's request-weight budget this process may use (<c>weight-share</c>, 0..1].</summary>
    public double WeightShare { get; init; } = Defaults.WeightShare;

    /// <summary>How often the REST gateway re-measures the clock offset to the exchange (<c>clock-sync-interval</c>).</summary>
    public TimeSpan ClockSyncInterval { get; init; } = Defaults.ClockRefreshInterval;

    /// <summary>
    /// Whether the market stream also subscribes <c>forceOrder</c> and <c>markPrice@1s</c> and polls open interest for
    /// the symbols' liquidation engines (on when <c>actorbot.liquidations.enabled</c>).
    /// </summary>
    public bool LiquidationFeeds { get; init; }

    /// <summary>
    /// The symbols' order books (<c>actorbot.liquidations.book</c>): the market stream subscribes
    /// <c>{symbol}@depth@{speed}</c> on the <c>/public</c> base for each symbol with a frame step and answers its /book's
    /// snapshot requests on the venue's REST client. Null: no depth.
    /// </summary>
    public BookSettings? Book { get; init; }

    /// <summary>The symbols of this venue that run a /book.</summary>
    public IReadOnlyList<string> BookSymbols => Book is { } b ? Symbols.Where(s => b.FramesFor(s) is not null).ToList() : [];

    /// <summary>How often open interest is polled per symbol over REST (<c>open-interest-poll-interval</c>; weight 1 each).</summary>
    public TimeSpan OpenInterestPollInterval { get; init; } = TimeSpan.FromSeconds(15);

    private static BinanceRestOptions Defaults { get; } = new();

    /// <summary>The venue's REST gateway options: these settings over the gateway's defaults.</summary>
    public BinanceRestOptions RestOptions() => new()
    {
        BaseAddress = RestBaseUri,
        RequestTimeout = ConnectTimeout,
        RecvWindowMs = (long)RecvWindow.TotalMilliseconds,
        WeightShare = WeightShare,
        ClockRefreshInterval = ClockSyncInterval,
    };

    public ContractSpec ContractOf(string symbol) => Contracts.TryGetValue(symbol, out var spec) ? spec : ContractSpec.Linear;

    /// <summary>
    /// Reads the venue's settings, or null when the venue should not stream market data in this mode:
    /// it must be <c>enabled</c>, and either the mode trades (testnet, paper, live: <c>market-data = auto</c>) or
    /// <c>market-data = on</c>. A bad value is a <see cref="ConfigurationException"/> naming the key.
    /// </summary>
    public static VenueSettings? FromConfig(Config config, string venue, TradeMode mode, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(config);
        var prefix = $"actorbot.venues.{venue}";
        if (!config.Flag($"{prefix}.enabled", false))
        {
            return null;
        }

        var marketData = ParseSwitch(config.Text($"{prefix}.market-data", "auto"), $"{prefix}.market-data");
        // Every mode that trades needs the venue's prints: the strategy decides on them, paper fills on them, and
        // testnet/live orders go through this subtree. (Live was once left out, so a live run sent no order.)
        // Shadow stays quiet by default: it is the mode of a service pointed at a real venue without a decision yet.
        var wanted = marketData == MarketDataSwitch.On || (marketData == MarketDataSwitch.Auto && mode is TradeMode.Testnet or TradeMode.Paper or TradeMode.Live);
        if (!wanted)
        {
            return null;
        }

        var (restKey, wsKey) = UrlKeys(venue, mode);
        return new VenueSettings(
            venue,
            ParseUri(config.Text(restKey, null), restKey, "http", "https"),
            ParseUri(config.Text(wsKey, null), wsKey, "ws", "wss"),
            symbols,
            Positive(config, $"{prefix}.connect-timeout", TimeSpan.FromSeconds(10)),
            Positive(config, $"{prefix}.stream-stall-timeout", TimeSpan.FromSeconds(30)),
            Positive(config, $"{prefix}.disabled-grace", TimeSpan.FromSeconds(5)),
            Positive(config, $"{prefix}.reconnect-max-delay", TimeSpan.FromSeconds(30)))
        {
            Contracts = ReadContracts(config, $"{prefix}.contracts"),
            RecvWindow = RecvWindowOf(config, $"{prefix}.recv-window"),
            WeightShare = WeightShareOf(config, $"{prefix}.weight-share"),
            ClockSyncInterval = Positive(config, $"{prefix}.clock-sync-interval", TimeSpan.FromMinutes(5)),
            LiquidationFeeds = config.Flag("actorbot.liquidations.enabled", false),
            Book = BookSettings.FromConfig(config),
            OpenInterestPollInterval = Positive(config, $"{prefix}.open-interest-poll-interval", TimeSpan.FromSeconds(15)),
        };
    }

    /// <summary>
    /// The URL keys a mode uses: testnet reads <c>{venue}.testnet.*</c> (defaults: Binance's USDⓈ-M testnet), so a
    /// testnet run can never fall back to the mainnet URLs of <c>{venue}.rest-base-url</c> / <c>ws-base-url</c>.
    /// </summary>
    public static (string RestKey, string WsKey) UrlKeys(string venue, TradeMode mode)
    {
        var prefix = mode == TradeMode.Testnet ? $"actorbot.venues.{venue}.testnet" : $"actorbot.venues.{venue}";
        return ($"{prefix}.rest-base-url", $"{prefix}.ws-base-url");
    }

    /// <summary>The configured URLs the mode would use (for the arming gate's mainnet check), without validating them.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(Config config, string venue, TradeMode mode)
    {
        var (rest, ws) = UrlKeys(venue, mode);
        return new[] { config.Text(rest, null), config.Text(ws, null) }.OfType<string>().ToList();
    }

    private static Dictionary<string, ContractSpec> ReadContracts(Config config, string key)
    {
        var result = new Dictionary<string, ContractSpec>(StringComparer.Ordinal);
        if (!config.HasPath(key))
        {
            return result;
        }

        var section = config.GetConfig(key);
        foreach (var (symbol, _) in section?.AsEnumerable() ?? [])
        {
            // By its full path, like every key (ConfigReadLog records what the service reads).
            var name = config.Text($"{key}.{symbol}", null);
            result[symbol] = name switch
            {
                "linear" => ContractSpec.Linear,
                "inverse-100usd" => ContractSpec.CoinMargined100Usd,
                _ => throw new ConfigurationException($"{key}.{symbol} must be linear or inverse-100usd (got \"{name}\")"),
            };
        }

        return result;
    }

    private static MarketDataSwitch ParseSwitch(string? value, string key) => value?.Trim().ToLowerInvariant() switch
    {
        "auto" => MarketDataSwitch.Auto,
        "on" or "true" or "yes" => MarketDataSwitch.On,
        "off" or "false" or "no" => MarketDataSwitch.Off,
        _ => throw new ConfigurationException($"{key} must be auto, on or off (got \"{value}\")"),
    };

    private static Uri ParseUri(string? value, string key, params string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || !schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw new ConfigurationException($"{key} must be an absolute {string.Join(" or ", schemes)} URL (got \"{value}\")");
        }

        return uri;
    }

    private static TimeSpan RecvWindowOf(Config config, string key)
    {
        var value = Positive(config, key, TimeSpan.FromMilliseconds(Defaults.RecvWindowMs));
        if (value > TimeSpan.FromSeconds(60) || value.TotalMilliseconds % 1 != 0)
        {
            throw new ConfigurationException($"{key} must be whole milliseconds up to 60000ms (Binance's limit), got {value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms");
        }

        return value;
    }

    private static double WeightShareOf(Config config, string key)
    {
        var value = config.Double(key, Defaults.WeightShare);
        if (!(value > 0 && value <= 1))
        {
            throw new ConfigurationException($"{key} must be above 0 and at most 1, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    private static TimeSpan Positive(Config config, string key, TimeSpan fallback)
    {
        var value = config.Duration(key, fallback);
        if (value <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"{key} must be positive");
        }

        return value;
    }
}
