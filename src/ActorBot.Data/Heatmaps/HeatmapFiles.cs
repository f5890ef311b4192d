using System.Text.RegularExpressions;

namespace ActorBot.Data.Heatmaps;

/// <summary>
/// The per-symbol file names of the heatmap engines. Every file carries its symbol: the old viewer shared one
/// <c>ob_recon_stats.json</c> across BTC, ETH and SOL, so it showed whichever wrote last (SPEC §13 #16), and BTC's
/// frames had no suffix at all (here BTC's file is <c>ob_heatmap_30s_BTCUSDT.bin</c> like every other symbol's). A symbol that
/// could escape the directory is refused; letters, digits and <c>_</c> (COIN-M <c>BTCUSD_PERP</c>) cannot.
/// </summary>
public static partial class HeatmapFiles
{
    /// <summary>30 s order-book frames (SPEC §9.3 records).</summary>
    public static string OrderBookFrames(string directory, string symbol) => In(directory, $"ob_heatmap_30s_{Checked(symbol)}.bin");

    /// <summary>Per-minute V2 liquidation heatmap history (SPEC §9.4 records).</summary>
    public static string LiquidationHistory(string directory, string symbol) => In(directory, $"liq_heatmap_v2_{Checked(symbol)}.bin");

    /// <summary>A per-symbol JSON statistics file, e.g. kind <c>ob_recon_stats</c> → <c>ob_recon_stats_ETH.json</c>.</summary>
    public static string Stats(string directory, string kind, string symbol)
    {
        if (!KindPattern().IsMatch(kind))
        {
            throw new ArgumentException($"Stats kind '{kind}' must be lower-case letters, digits and '_'.", nameof(kind));
        }

        return In(directory, $"{kind}_{Checked(symbol)}.json");
    }

    private static string In(string directory, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Path.Combine(directory, name);
    }

    private static string Checked(string symbol)
    {
        if (symbol is null || !SymbolPattern().IsMatch(symbol))
        {
            throw new ArgumentException($"Symbol '{symbol}' must be 1-20 upper-case letters, digits or underscores to name a file.", nameof(symbol));
        }

        return symbol;
    }

    [GeneratedRegex("^[A-Z0-9_]{1,20}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex KindPattern();
}
