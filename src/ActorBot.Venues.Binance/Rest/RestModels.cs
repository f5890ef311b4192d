using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Rest;

/// <summary>Binance's error body <c>{"code":-1021,"msg":"…"}</c>.</summary>
public sealed record BinanceError(int Code, string Message)
{
    public const int Unknown = -1000;
    public const int Disconnected = -1001;
    public const int TooManyRequests = -1003;
    public const int Timeout = -1007;
    public const int InvalidTimestamp = -1021;
    public const int InvalidSignature = -1022;
    public const int MandatoryParamMissing = -1102;
    public const int BadSymbol = -1121;
    public const int ListenKeyNotFound = -1125;
    public const int CancelRejected = -2011;
    public const int NoSuchOrder = -2013;
    public const int OrderWouldImmediatelyTrigger = -2021;
    public const int ReduceOnlyRejected = -2022;
    /// <summary>Futures answer to a newClientOrderId already used by an open order.</summary>
    public const int DuplicateClientOrderId = -4116;
    public const int InvalidOrderType = -1116;
    public const int NotRequiredParameter = -1106;
    public const int InvalidParameter = -1130;
    public const int QuantityNotPositive = -4003;
    public const int InvalidClientOrderId = -4015;
    /// <summary>
    /// Since 2025-12-09 <c>POST /fapi/v1/order</c> refuses STOP/STOP_MARKET/TAKE_PROFIT/TAKE_PROFIT_MARKET/
    /// TRAILING_STOP_MARKET: "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead."
    /// </summary>
    public const int ConditionalNeedsAlgoApi = -4120;

    /// <summary><c>POST /fapi/v1/marginType</c>: "No need to change margin type." — the symbol already has it (success).</summary>
    public const int NoNeedToChangeMarginType = -4046;

    /// <summary><c>POST /fapi/v1/marginType</c>: "Margin type cannot be changed if there exists position."</summary>
    public const int MarginTypeLockedByPosition = -4048;
}

public sealed record ServerTime(long ServerTimeMs);

public sealed record ListenKeyResponse(string ListenKey);

public sealed record RateLimit(string Type, string Interval, int IntervalNum, int Limit);

/// <summary>A symbol's trading rules from exchangeInfo; the filters a venue rejects orders by.</summary>
public sealed record SymbolRules(
    string Symbol,
    string Status,
    string ContractType,
    string BaseAsset,
    string QuoteAsset,
    string MarginAsset,
    int PricePrecision,
    int QuantityPrecision,
    decimal TickSize,
    decimal MinPrice,
    decimal MaxPrice,
    decimal StepSize,
    decimal MinQuantity,
    decimal MaxQuantity,
    decimal? MarketStepSize,
    decimal? MarketMaxQuantity,
    decimal? MinNotional,
    IReadOnlyList<string> OrderTypes);

public sealed record ExchangeInfo(long ServerTimeMs, IReadOnlyList<RateLimit> RateLimits, IReadOnlyList<SymbolRules> Symbols);

/// <summary>One row of <c>GET /fapi/v1/aggTrades</c>.</summary>
public sealed record RestAggTrade(long AggregateTradeId, decimal Price, decimal Quantity, long FirstTradeId, long LastTradeId, long TradeTimeMs, bool IsBuyerMaker);

public sealed record OpenInterest(string Symbol, decimal Quantity, long TimeMs);

public sealed record PremiumIndex(
    string Symbol, decimal MarkPrice, decimal IndexPrice, decimal? EstimatedSettlePrice, decimal LastFundingRate,
    long NextFundingTimeMs, decimal? InterestRate, long TimeMs);

/// <summary>An order as REST answers it (new/query/cancel/openOrders).</summary>
public sealed record OrderResponse(
    long OrderId,
    string Symbol,
    string Status,
    string ClientOrderId,
    decimal Price,
    decimal AveragePrice,
    decimal OriginalQuantity,
    decimal ExecutedQuantity,
    decimal CumulativeQuote,
    string TimeInForce,
    string Type,
    bool ReduceOnly,
    bool ClosePosition,
    string Side,
    string PositionSide,
    decimal StopPrice,
    string WorkingType,
    string? OriginalType,
    long? TimeMs,
    long UpdateTimeMs);

public sealed record PositionRisk(
    string Symbol, decimal PositionAmount, decimal EntryPrice, decimal MarkPrice, decimal UnrealizedProfit,
    decimal LiquidationPrice, int Leverage, string MarginType, string PositionSide, long UpdateTimeMs);

/// <summary>Answer of <c>POST /fapi/v1/leverage</c>: the symbol's initial leverage now, and the notional it allows.</summary>
public sealed record LeverageResponse(string Symbol, int Leverage, decimal MaxNotionalValue);

public sealed record AssetBalance(string Asset, decimal Balance, decimal CrossWalletBalance, decimal AvailableBalance, long UpdateTimeMs);

public sealed record AccountAsset(string Asset, decimal WalletBalance, decimal UnrealizedProfit, decimal MarginBalance, decimal AvailableBalance);

public sealed record AccountPosition(string Symbol, decimal PositionAmount, decimal EntryPrice, decimal UnrealizedProfit, int Leverage, string PositionSide);

public sealed record AccountInfo(
    decimal TotalWalletBalance, decimal TotalUnrealizedProfit, decimal TotalMarginBalance, decimal AvailableBalance,
    bool CanTrade, IReadOnlyList<AccountAsset> Assets, IReadOnlyList<AccountPosition> Positions);

public sealed record KlineList(IReadOnlyList<Kline> Klines);
