using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>
/// The test's own view of the venue (the simulator process): its order audit, and positions and open algo orders
/// through the same signed REST a node uses, with the simulator's test keys. Sparingly: the venue's request weight
/// is per IP, shared with the nodes.
/// </summary>
internal sealed class VenueClient : IDisposable
{
    private readonly HttpClient _admin;
    private readonly HttpClient _http = new();
    private readonly BinanceRestClient _rest;

    public VenueClient(Uri rest)
    {
        _admin = new HttpClient { BaseAddress = rest, Timeout = TimeSpan.FromSeconds(10) };
        _rest = new BinanceRestClient(_http, new BinanceRestOptions { BaseAddress = rest }, new BinanceCredentials(ClusterRig.SimApiKey, ClusterRig.SimApiSecret), new DecodeErrorCounter());
    }

    public async Task<IReadOnlyList<AuditRow>> OrdersAsync() => AuditRow.ParseAll(await _admin.GetStringAsync("/admin/orders"));

    public async Task<IReadOnlyList<(string Symbol, decimal Amount)>> PositionsAsync()
    {
        var result = await _rest.GetPositionRiskAsync();
        return result.Value?.Select(p => (p.Symbol, p.PositionAmount)).ToList()
            ?? throw new InvalidOperationException($"positionRisk failed: {result.Failure} {result.Error}");
    }

    public async Task<IReadOnlyList<(string Symbol, string OrderType)>> OpenAlgoOrdersAsync()
    {
        var result = await _rest.GetOpenAlgoOrdersAsync();
        return result.Value?.Select(a => (a.Symbol, a.OrderType)).ToList()
            ?? throw new InvalidOperationException($"openAlgoOrders failed: {result.Failure} {result.Error}");
    }

    /// <summary>Symbols with an unprotected position now (see <see cref="VenueAudit.Unprotected"/>).</summary>
    public async Task<IReadOnlyList<string>> UnprotectedAsync() => VenueAudit.Unprotected(await PositionsAsync(), await OpenAlgoOrdersAsync());

    public void Dispose()
    {
        _admin.Dispose();
        _http.Dispose();
    }
}
