using System.Globalization;
using ActorBot.Venues.Binance.Decoding;

namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// The Algo Order API (<c>/fapi/v1/algoOrder</c> and friends): the only way to place conditional orders on
/// USDⓈ-M since 2025-12-09 (<c>/fapi/v1/order</c> answers −4120). Same rules as the order path: a new algo
/// order is never re-sent blindly; on an unknown outcome it is looked up by <c>clientAlgoId</c> first.
/// </summary>
public sealed partial class BinanceRestClient
{
    /// <summary>
    /// Places an algo order. On timeout, 5xx, lost connection or −1006/−1007 it is queried by clientAlgoId:
    /// found → that is the answer; −2013 (not there) → sent once more with the same clientAlgoId (a duplicate
    /// of an open one is refused by the venue); otherwise → <see cref="RestFailureKind.InDoubt"/>.
    /// </summary>
    public async Task<RestResult<AlgoOrderResponse>> PlaceAlgoOrderAsync(NewAlgoOrder order, CancellationToken ct = default)
    {
        var result = await SendAlgoOnceAsync(order, ct).ConfigureAwait(false);
        if (!IsUnknownOutcome(result))
        {
            return result;
        }

        Interlocked.Increment(ref _orderLookups);
        var lookup = await QueryAlgoOrderAsync(order.ClientAlgoId, ct).ConfigureAwait(false);
        if (lookup.IsSuccess)
        {
            return lookup;
        }

        if (lookup.Error?.Code == BinanceError.NoSuchOrder)
        {
            var again = await SendAlgoOnceAsync(order, ct).ConfigureAwait(false);
            return IsUnknownOutcome(again) ? RestResult<AlgoOrderResponse>.Fail(RestFailureKind.InDoubt, again.Status, again.Error) : again;
        }

        return RestResult<AlgoOrderResponse>.Fail(RestFailureKind.InDoubt, lookup.Status, lookup.Error);
    }

    public Task<RestResult<AlgoOrderResponse>> QueryAlgoOrderAsync(string clientAlgoId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/algoOrder", [("clientAlgoId", clientAlgoId)], true, 1, false, true,
            Decode<AlgoOrderResponse>(_decoder.TryAlgoOrder), ct);

    public Task<RestResult<AlgoOrderResponse>> QueryAlgoOrderAsync(long algoId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/algoOrder", [("algoId", algoId.ToString(CultureInfo.InvariantCulture))], true, 1, false, true,
            Decode<AlgoOrderResponse>(_decoder.TryAlgoOrder), ct);

    public Task<RestResult<AlgoCancelResponse>> CancelAlgoOrderAsync(string clientAlgoId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", [("clientAlgoId", clientAlgoId)], true, 1, false, true,
            Decode<AlgoCancelResponse>(_decoder.TryAlgoCancel), ct);

    /// <summary>Open (not yet triggered) algo orders, of one symbol or all (the latter weighs more).</summary>
    public Task<RestResult<IReadOnlyList<AlgoOrderResponse>>> GetOpenAlgoOrdersAsync(string? symbol = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", Params(("symbol", symbol)), true, symbol is null ? 40 : 1, false, true,
            Decode<IReadOnlyList<AlgoOrderResponse>>(_decoder.TryAlgoOrders), ct);

    /// <summary>Cancels every open algo order of a symbol (kill switch, restart-flatten).</summary>
    public Task<RestResult<CodeMessage>> CancelAllAlgoOrdersAsync(string symbol, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, "/fapi/v1/algoOpenOrders", [("symbol", symbol)], true, 1, false, true,
            Decode<CodeMessage>(_decoder.TryCodeMessage), ct);

    private Task<RestResult<AlgoOrderResponse>> SendAlgoOnceAsync(NewAlgoOrder order, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/fapi/v1/algoOrder", AlgoParams(order), true, 0, true, false, Decode<AlgoOrderResponse>(_decoder.TryAlgoOrder), ct);

    private static IReadOnlyList<(string, string)> AlgoParams(NewAlgoOrder o) => Params(
        ("algoType", "CONDITIONAL"),
        ("symbol", o.Symbol),
        ("side", o.Side),
        ("positionSide", o.PositionSide),
        ("type", o.Type),
        ("timeInForce", o.TimeInForce),
        ("quantity", Dec(o.Quantity)),
        ("price", Dec(o.Price)),
        ("triggerPrice", Dec(o.TriggerPrice)),
        ("workingType", o.WorkingType),
        ("priceProtect", o.PriceProtect ? "TRUE" : null),
        ("reduceOnly", o.ReduceOnly ? "true" : null),
        ("closePosition", o.ClosePosition ? "true" : null),
        ("clientAlgoId", o.ClientAlgoId));
}
