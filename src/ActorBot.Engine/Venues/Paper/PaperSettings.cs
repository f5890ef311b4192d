using ActorBot.Domain.Paper;
using ActorBot.Domain.Sizing;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Venues.Execution;
using Akka.Configuration;

namespace ActorBot.Engine.Venues.Paper;

/// <summary>
/// <c>actorbot.paper</c>: how the in-process venue of trade mode paper fills (mode, slippage, fees) and the journal events between
/// snapshots, the balance that stands in for the account's free balance in /risk's sizing. <see cref="FiltersFor"/> gives the tick grid the
/// brackets are rounded onto (the risk filters, as the live execution uses the venue's).
/// </summary>
public sealed record PaperSettings(string Venue, PaperFillSettings Fills, decimal BalanceUsd, Func<string, SymbolFilters> FiltersFor, string Strategy = "snap", int SnapshotEvery = ExecutionSettings.DefaultSnapshotEvery)
{
    public const string Section = "actorbot.paper";

    /// <summary>Reads the keys; a bad value is a <see cref="ConfigurationException"/> naming the key and what it accepts.</summary>
    public static PaperSettings FromConfig(Config config, string venue, Func<string, SymbolFilters> filtersFor)
    {
        ArgumentNullException.ThrowIfNull(config);
        var modeKey = $"{Section}.fill-mode";
        var mode = config.Text(modeKey, "marketable") switch
        {
            "none" => PaperFillMode.None,
            "marketable" => PaperFillMode.Marketable,
            "mid" => PaperFillMode.Mid,
            "always" => PaperFillMode.Always,
            var other => throw new ConfigurationException($"{modeKey} must be one of none, marketable, mid, always (got \"{other}\")"),
        };
        var fills = new PaperFillSettings(mode, NotNegative(config, "slippage-bps", 0m), NotNegative(config, "taker-fee-bps", 5m), NotNegative(config, "maker-fee-bps", 2m));
        var balanceKey = $"{Section}.balance-usd";
        var balance = config.Decimal(balanceKey, 1_000m);
        if (balance <= 0)
        {
            throw new ConfigurationException($"{balanceKey} must be a positive number of USD (got {balance})");
        }

        return new PaperSettings(venue, fills, balance, filtersFor,
            SnapshotEvery: ExecutionSettings.SnapshotEveryFrom(config, $"{Section}.snapshot-every", ExecutionSettings.DefaultSnapshotEvery));
    }

    private static decimal NotNegative(Config config, string name, decimal fallback)
    {
        var key = $"{Section}.{name}";
        var value = config.Decimal(key, fallback);
        return value >= 0 ? value : throw new ConfigurationException($"{key} must not be negative (got {value})");
    }
}
