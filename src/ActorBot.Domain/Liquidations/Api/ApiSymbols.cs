namespace ActorBot.Domain.Liquidations.Api;

/// <summary>
/// The API's symbol parameter (moonstream SPEC §11.1): <c>symbol.strip().upper()</c> with every <c>"USDT"</c> removed,
/// checked against the service's configured symbols' base assets (BTCUSD_PERP and BTCUSDT → BTC), not a fixed list.
/// </summary>
public sealed class ApiSymbols
{
    public const int MaxLength = 10;

    private readonly Dictionary<string, string> _byBase = new(StringComparer.Ordinal);
    private readonly List<string> _bases = [];

    /// <param name="configured">the service's symbols; the first symbol of a base asset serves it.</param>
    public ApiSymbols(IEnumerable<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        foreach (var symbol in configured)
        {
            var b = LeverageLadders.BaseOf(symbol);
            if (_byBase.TryAdd(b, symbol))
            {
                _bases.Add(b);
            }
        }
    }

    /// <summary>The base assets served, in the configured order.</summary>
    public IReadOnlyList<string> Bases => _bases;

    /// <summary>The configured symbol that serves a base asset.</summary>
    public string SymbolOf(string baseAsset) => _byBase[baseAsset];

    /// <summary>The short form, or null with the old 400 message naming the raw value and the valid ones.</summary>
    public string? Resolve(string raw, out string? error)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var sym = Normalise(raw);
        if (sym.Length == 0 || sym.Length > MaxLength || !_byBase.ContainsKey(sym))
        {
            error = $"Invalid symbol '{raw}'. Valid symbols: {string.Join(", ", _bases)}";
            return null;
        }

        error = null;
        return sym;
    }

    public static string Normalise(string raw) => raw.Trim().ToUpperInvariant().Replace("USDT", string.Empty, StringComparison.Ordinal);
}
