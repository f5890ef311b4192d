using ActorBot.Domain.Risk;
using ActorBot.Domain.Sizing;
using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Risk;

/// <summary>
/// Reads <c>actorbot.risk</c> (documented key by key in hocon/actorbot.conf). A missing key takes the conservative
/// default below; a value of the wrong type or out of range is a <see cref="ConfigurationException"/> naming the
/// key, because a risk limit that silently fell back to a default is worse than a service that refuses to start.
/// </summary>
public static class RiskSettingsReader
{
    public const string Section = "actorbot.risk";

    public static RiskActorSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rules = new RiskSettings(
            DailyLossCapUsd: Positive(config, "daily-loss-cap-usd", 50m),
            LossStreakMax: AtLeast(config, "loss-streak-max", 3, 1),
            SessionCooldownMinutes: AtLeast(config, "session-cooldown-minutes", 60, 0),
            SlBufferMultiplier: NotNegative(config, "sl-buffer-multiplier", 2m),
            MaxOpenTradesPerSymbol: AtLeast(config, "max-open-trades-per-symbol", 1, 1),
            MaxOpenTradesGlobal: AtLeast(config, "max-open-trades", 2, 1),
            MaxNotionalPerSymbolUsd: Positive(config, "max-notional-per-symbol-usd", 1_000m));
        var leverage = Positive(config, "leverage", 2m);
        if (leverage < 1m)
        {
            throw new ConfigurationException($"{Section}.leverage must be at least 1 (got {leverage})");
        }

        var mmr = NotNegative(config, "maintenance-margin-rate", 0.004m);
        if (mmr >= 1m)
        {
            throw new ConfigurationException($"{Section}.maintenance-margin-rate must be below 1 (got {mmr})");
        }

        var defaults = Filters(config, $"{Section}.filters.default", "*", DefaultFilters);
        var perSymbol = new Dictionary<string, SymbolFilters>(StringComparer.Ordinal);
        if (config.HasPath($"{Section}.filters"))
        {
            foreach (var symbol in config.GetConfig($"{Section}.filters").Root.GetObject().Items.Keys)
            {
                if (symbol != "default")
                {
                    perSymbol[symbol] = Filters(config, $"{Section}.filters.{symbol}", symbol, defaults);
                }
            }
        }

        return new RiskActorSettings(
            rules,
            QuoteRiskPerTrade: Positive(config, "quote-risk-per-trade", 5m),
            Leverage: leverage,
            MaintenanceMarginRate: mmr,
            FreeBalanceUsd: Positive(config, "free-balance-usd", 1_000m),
            DefaultFilters: defaults,
            Filters: perSymbol,
            SnapshotEvery: AtLeast(config, "snapshot-every", 100, 1));
    }

    /// <summary>Binance USDⓈ-M BTCUSDT's filters (exchangeInfo, 2026): the most restrictive of the majors we run.</summary>
    public static SymbolFilters DefaultFilters { get; } = new("*", TickSize: 0.1m, MinPrice: 0m, MaxPrice: 0m,
        StepSize: 0.001m, MinQty: 0.001m, MaxQty: 1_000m, MinNotional: 100m);

    // A symbol's block overrides the default block key by key.
    private static SymbolFilters Filters(Config config, string path, string symbol, SymbolFilters fallback)
    {
        var minNotional = NotNegative(config, path, "min-notional", fallback.MinNotional ?? 0m);
        return fallback with
        {
            Symbol = symbol,
            TickSize = NotNegative(config, path, "tick-size", fallback.TickSize),
            StepSize = NotNegative(config, path, "step-size", fallback.StepSize),
            MinQty = NotNegative(config, path, "min-qty", fallback.MinQty),
            MaxQty = NotNegative(config, path, "max-qty", fallback.MaxQty),
            MinNotional = minNotional == 0m ? null : minNotional,
        };
    }

    private static decimal Positive(Config config, string key, decimal fallback)
    {
        var value = config.Decimal($"{Section}.{key}", fallback);
        return value > 0 ? value : throw new ConfigurationException($"{Section}.{key} must be positive (got {value})");
    }

    private static decimal NotNegative(Config config, string key, decimal fallback) => NotNegative(config, Section, key, fallback);

    private static decimal NotNegative(Config config, string path, string key, decimal fallback)
    {
        var value = config.Decimal($"{path}.{key}", fallback);
        return value >= 0 ? value : throw new ConfigurationException($"{path}.{key} must not be negative (got {value})");
    }

    private static int AtLeast(Config config, string key, int fallback, int min)
    {
        var value = config.Int($"{Section}.{key}", fallback);
        return value >= min ? value : throw new ConfigurationException($"{Section}.{key} must be at least {min} (got {value})");
    }
}
