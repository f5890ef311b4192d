using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>Decoders for the REST answers the adapter uses; source label <c>rest.&lt;endpoint&gt;</c>.</summary>
public sealed partial class RestDecoder
{
    private readonly DecodeErrorCounter _errors;

    public RestDecoder(DecodeErrorCounter errors)
    {
        _errors = errors;
    }

    public bool TryError(ReadOnlySpan<byte> json, out BinanceError? value, out DecodeError error) =>
        Run("rest.error", json, f => new BinanceError((int)f.Int64("code"), f.OptionalString("msg") ?? string.Empty), out value, out error);

    public bool TryServerTime(ReadOnlySpan<byte> json, out ServerTime? value, out DecodeError error) =>
        Run("rest.time", json, f => new ServerTime(f.Int64("serverTime")), out value, out error);

    public bool TryListenKey(ReadOnlySpan<byte> json, out ListenKeyResponse? value, out DecodeError error) =>
        Run("rest.listenKey", json, f => new ListenKeyResponse(f.String("listenKey")), out value, out error);

    public bool TryExchangeInfo(ReadOnlySpan<byte> json, out ExchangeInfo? value, out DecodeError error) =>
        Run("rest.exchangeInfo", json, MapExchangeInfo, out value, out error);

    public bool TryKlines(ReadOnlySpan<byte> json, out KlineList? value, out DecodeError error) =>
        Run("rest.klines", json, f => new KlineList(f.Items(row => new Kline(
            row.At(0).AsInt64(), row.At(6).AsInt64(), string.Empty, row.At(1).AsDecimal(), row.At(2).AsDecimal(),
            row.At(3).AsDecimal(), row.At(4).AsDecimal(), row.At(5).AsDecimal(), row.At(7).AsDecimal(), row.At(8).AsInt64(),
            row.At(9).AsDecimal(), row.At(10).AsDecimal(), IsClosed: true))), out value, out error);

    public bool TryAggTrades(ReadOnlySpan<byte> json, out IReadOnlyList<RestAggTrade>? value, out DecodeError error) =>
        Run("rest.aggTrades", json, f => f.Items(t => new RestAggTrade(
            t.Int64("a"), t.Decimal("p"), t.Decimal("q"), t.Int64("f"), t.Int64("l"), t.Int64("T"), t.Bool("m"))), out value, out error);

    public bool TryOpenInterest(ReadOnlySpan<byte> json, out OpenInterest? value, out DecodeError error) =>
        Run("rest.openInterest", json, f => new OpenInterest(f.String("symbol"), f.Decimal("openInterest"), f.Int64("time")), out value, out error);

    public bool TryPremiumIndex(ReadOnlySpan<byte> json, out PremiumIndex? value, out DecodeError error) =>
        Run("rest.premiumIndex", json, f => new PremiumIndex(
            f.String("symbol"), f.Decimal("markPrice"), f.Decimal("indexPrice"), f.OptionalDecimal("estimatedSettlePrice"),
            f.Decimal("lastFundingRate"), f.Int64("nextFundingTime"), f.OptionalDecimal("interestRate"), f.Int64("time")), out value, out error);

    public bool TryOrder(ReadOnlySpan<byte> json, out OrderResponse? value, out DecodeError error) =>
        Run("rest.order", json, MapOrder, out value, out error);

    public bool TryOrders(ReadOnlySpan<byte> json, out IReadOnlyList<OrderResponse>? value, out DecodeError error) =>
        Run("rest.openOrders", json, f => f.Items(MapOrder), out value, out error);

    public bool TryPositionRisk(ReadOnlySpan<byte> json, out IReadOnlyList<PositionRisk>? value, out DecodeError error) =>
        Run("rest.positionRisk", json, f => f.Items(p => new PositionRisk(
            p.String("symbol"), p.Decimal("positionAmt"), p.Decimal("entryPrice"), p.Decimal("markPrice"), p.Decimal("unRealizedProfit"),
            p.Decimal("liquidationPrice"), (int)p.Int64("leverage"), p.String("marginType"), p.String("positionSide"),
            p.OptionalInt64("updateTime") ?? 0)), out value, out error);

    public bool TryLeverage(ReadOnlySpan<byte> json, out LeverageResponse? value, out DecodeError error) =>
        Run("rest.leverage", json, f => new LeverageResponse(f.String("symbol"), (int)f.Int64("leverage"), f.OptionalDecimal("maxNotionalValue") ?? 0m), out value, out error);

    public bool TryBalances(ReadOnlySpan<byte> json, out IReadOnlyList<AssetBalance>? value, out DecodeError error) =>
        Run("rest.balance", json, f => f.Items(b => new AssetBalance(
            b.String("asset"), b.Decimal("balance"), b.Decimal("crossWalletBalance"), b.Decimal("availableBalance"),
            b.OptionalInt64("updateTime") ?? 0)), out value, out error);

    public bool TryAccount(ReadOnlySpan<byte> json, out AccountInfo? value, out DecodeError error) =>
        Run("rest.account", json, f => new AccountInfo(
            f.Decimal("totalWalletBalance"), f.Decimal("totalUnrealizedProfit"), f.Decimal("totalMarginBalance"), f.Decimal("availableBalance"),
            f.OptionalBool("canTrade") ?? true,
            f.Array("assets", a => new AccountAsset(a.String("asset"), a.Decimal("walletBalance"), a.Decimal("unrealizedProfit"), a.Decimal("marginBalance"), a.Decimal("availableBalance"))),
            f.Array("positions", p => new AccountPosition(p.String("symbol"), p.Decimal("positionAmt"), p.OptionalDecimal("entryPrice") ?? 0m, p.Decimal("unrealizedProfit"), (int)(p.OptionalInt64("leverage") ?? 0), p.String("positionSide")))),
            out value, out error);

    internal static OrderResponse MapOrder(JsonFields f) => new(
        f.Int64("orderId"), f.String("symbol"), f.String("status"), f.String("clientOrderId"), f.Decimal("price"),
        f.OptionalDecimal("avgPrice") ?? 0m, f.Decimal("origQty"), f.Decimal("executedQty"), f.OptionalDecimal("cumQuote") ?? 0m,
        f.String("timeInForce"), f.String("type"), f.OptionalBool("reduceOnly") ?? false, f.OptionalBool("closePosition") ?? false,
        f.String("side"), f.OptionalString("positionSide") ?? "BOTH", f.OptionalDecimal("stopPrice") ?? 0m,
        f.OptionalString("workingType") ?? "CONTRACT_PRICE", f.OptionalString("origType"), f.OptionalInt64("time"), f.Int64("updateTime"));

    private static ExchangeInfo MapExchangeInfo(JsonFields f) => new(
        f.Int64("serverTime"),
        f.Array("rateLimits", r => new RateLimit(r.String("rateLimitType"), r.String("interval"), (int)r.Int64("intervalNum"), (int)r.Int64("limit"))),
        f.Array("symbols", MapSymbol));

    private static SymbolRules MapSymbol(JsonFields s)
    {
        var filters = s.Array("filters", x => x);
        JsonFields? Filter(string type)
        {
            foreach (var candidate in filters)
            {
                if (candidate.OptionalString("filterType") == type)
                {
                    return candidate;
                }
            }

            return null;
        }

        var price = Filter("PRICE_FILTER") ?? throw new DecodeFailure(DecodeErrorReason.MissingField, "PRICE_FILTER");
        var lot = Filter("LOT_SIZE") ?? throw new DecodeFailure(DecodeErrorReason.MissingField, "LOT_SIZE");
        var market = Filter("MARKET_LOT_SIZE");
        var notional = Filter("MIN_NOTIONAL");
        return new SymbolRules(
            s.String("symbol"), s.String("status"), s.OptionalString("contractType") ?? string.Empty,
            s.String("baseAsset"), s.String("quoteAsset"), s.OptionalString("marginAsset") ?? s.String("quoteAsset"),
            (int)s.Int64("pricePrecision"), (int)s.Int64("quantityPrecision"),
            price.Decimal("tickSize"), price.Decimal("minPrice"), price.Decimal("maxPrice"),
            lot.Decimal("stepSize"), lot.Decimal("minQty"), lot.Decimal("maxQty"),
            market?.OptionalDecimal("stepSize"), market?.OptionalDecimal("maxQty"),
            notional is { } n ? n.OptionalDecimal("notional") ?? n.OptionalDecimal("minNotional") : null,
            s.OptionalArray("orderTypes", t => t.AsString()));
    }

    private bool Run<T>(string source, ReadOnlySpan<byte> json, Func<JsonFields, T> map, out T? value, out DecodeError error)
        where T : class =>
        JsonDecode.TryRun(source, json, _errors, map, out value, out error, unwrapCombinedStream: false);
}
