using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>Decoders for the Algo Order API answers.</summary>
public sealed partial class RestDecoder
{
    public bool TryAlgoOrder(ReadOnlySpan<byte> json, out AlgoOrderResponse? value, out DecodeError error) =>
        Run("rest.algoOrder", json, MapAlgoOrder, out value, out error);

    public bool TryAlgoOrders(ReadOnlySpan<byte> json, out IReadOnlyList<AlgoOrderResponse>? value, out DecodeError error) =>
        Run("rest.openAlgoOrders", json, f => f.Items(MapAlgoOrder), out value, out error);

    public bool TryAlgoCancel(ReadOnlySpan<byte> json, out AlgoCancelResponse? value, out DecodeError error) =>
        Run("rest.algoCancel", json, f => new AlgoCancelResponse(
            f.Int64("algoId"), f.OptionalString("clientAlgoId") ?? string.Empty, f.OptionalString("code") ?? string.Empty,
            f.OptionalString("msg") ?? string.Empty), out value, out error);

    public bool TryCodeMessage(ReadOnlySpan<byte> json, out CodeMessage? value, out DecodeError error) =>
        Run("rest.codeMessage", json, f => new CodeMessage((int)f.Int64("code"), f.OptionalString("msg") ?? string.Empty), out value, out error);

    internal static AlgoOrderResponse MapAlgoOrder(JsonFields f)
    {
        var actual = f.OptionalString("actualOrderId");
        return new AlgoOrderResponse(
            f.Int64("algoId"), f.String("clientAlgoId"), f.OptionalString("algoType") ?? "CONDITIONAL", f.String("orderType"),
            f.String("symbol"), f.String("side"), f.OptionalString("positionSide") ?? "BOTH", f.OptionalString("timeInForce"),
            f.OptionalDecimal("quantity") ?? 0m, f.String("algoStatus"), f.Decimal("triggerPrice"), f.OptionalDecimal("price"),
            f.OptionalString("workingType") ?? "CONTRACT_PRICE", f.OptionalBool("closePosition") ?? false,
            f.OptionalBool("priceProtect") ?? false, f.OptionalBool("reduceOnly") ?? false, f.OptionalInt64("createTime"),
            f.OptionalInt64("updateTime"), f.OptionalInt64("triggerTime"), string.IsNullOrEmpty(actual) ? null : actual,
            f.OptionalDecimal("actualPrice"));
    }
}
