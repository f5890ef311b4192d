namespace ActorBot.Domain.Liquidations;

/// <summary>
/// The per-symbol ladders of moonstream's <c>leverage_config.py</c> (SPEC §2). The old live inference ignored them and
/// projected every symbol over one fixed 7-tier dict (so SOL at 125x, BTC never above 125x); here each symbol's engines
/// use its own ladder. The 10x tier stays disabled by default, as upstream decided on 2026-02-17.
/// </summary>
public static class LeverageLadders
{
    /// <summary>Tiers disabled by default (upstream: the 10x tier showed a −$62K median miss).</summary>
    public static readonly IReadOnlyList<int> DefaultDisabled = [10];

    /// <summary>The ladder of a symbol by its base asset (BTC, ETH, SOL; anything else gets the default ladder).</summary>
    public static LeverageLadder ForBase(string baseAsset, IEnumerable<int>? disabled = null)
    {
        var off = disabled ?? DefaultDisabled;
        return baseAsset.ToUpperInvariant() switch
        {
            "BTC" => new([5, 10, 20, 25, 50, 75, 100, 125, 150, 200, 250], [1.0, 1.0, 0.9, 0.7, 0.35, 0.14, 0.08, 0.05, 0.03, 0.015, 0.008], off),
            "ETH" => new([5, 10, 20, 25, 50, 75, 100, 125], [1.0, 1.0, 0.9, 0.7, 0.35, 0.18, 0.10, 0.07], off),
            "SOL" => new([5, 10, 20, 25, 50, 75], [1.0, 1.0, 0.9, 0.7, 0.35, 0.18], off),
            _ => new([5, 10, 20, 50, 75, 100], [1.0, 1.0, 0.9, 0.5, 0.25, 0.10], off),
        };
    }

    /// <summary>
    /// The base asset of an exchange symbol, as the old normaliser parsed it (SPEC §1.2): BTCUSDT → BTC,
    /// BTCUSD_PERP → BTC, BTC-USDT-SWAP → BTC.
    /// </summary>
    public static string BaseOf(string symbol)
    {
        var s = symbol.ToUpperInvariant();
        var dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            return s[..dash];
        }

        var underscore = s.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0)
        {
            s = s[..underscore];
        }

        foreach (var quote in (string[])["USDT", "BUSD", "USDC", "USD"])
        {
            if (s.Length > quote.Length && s.EndsWith(quote, StringComparison.Ordinal))
            {
                return s[..^quote.Length];
            }
        }

        return s;
    }

    /// <summary>Zone intensity weight of a tier (SPEC §2 <c>TIER_WEIGHTS</c>); disabled tiers 0, unknown tiers 0.5.</summary>
    public static double ZoneIntensity(int tier, LeverageLadder ladder)
    {
        if (ladder.Disabled.Contains(tier))
        {
            return 0.0;
        }

        return tier switch
        {
            5 => 0.2,
            10 => 0.0,
            20 => 0.4,
            25 => 0.5,
            50 => 0.8,
            75 => 0.9,
            100 => 1.0,
            125 => 1.0,
            150 => 0.9,
            200 => 0.8,
            250 => 0.7,
            _ => 0.5,
        };
    }
}
