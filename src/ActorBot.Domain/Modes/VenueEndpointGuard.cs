namespace ActorBot.Domain.Modes;

/// <summary>
/// Testnet must never point at mainnet: a copied production URL in a testnet config would send
/// "test" orders with real money. Pure check on the configured URLs; the Binance USDⓈ-M mainnet hosts
/// (REST <c>fapi.binance.com</c>, streams <c>fstream.binance.com</c>, WebSocket API <c>ws-fapi.binance.com</c>)
/// are refused in testnet mode.
/// </summary>
public static class VenueEndpointGuard
{
    public static IReadOnlyList<string> MainnetHosts { get; } = ["fapi.binance.com", "fstream.binance.com", "ws-fapi.binance.com"];

    /// <summary>The URLs (of those given) that a testnet run must not use; empty when all are fine or the mode is not testnet.</summary>
    public static IReadOnlyList<string> MainnetUrlsInTestnet(TradeMode mode, IEnumerable<string?> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (mode != TradeMode.Testnet)
        {
            return [];
        }

        return urls.Where(u => u is not null && IsMainnet(u)).Select(u => u!).ToList();
    }

    public static bool IsMainnet(string url)
    {
        // An unparseable URL is judged by its text, so "fapi.binance.com/fapi" without a scheme is still caught.
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url.Split('/', ':')[0];
        return MainnetHosts.Any(h => string.Equals(host.TrimEnd('.'), h, StringComparison.OrdinalIgnoreCase));
    }
}
