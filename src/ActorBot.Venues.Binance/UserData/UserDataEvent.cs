namespace ActorBot.Venues.Binance.UserData;

/// <summary>A decoded user-data stream event. Within one connection, order events are sequenced by <see cref="EventTimeMs"/>.</summary>
public abstract record UserDataEvent(long EventTimeMs);

/// <summary><c>ORDER_TRADE_UPDATE</c>. Prices and quantities are <see cref="decimal"/>; fills are keyed by <see cref="TradeId"/>.</summary>
public sealed record OrderTradeUpdate(
    long EventTimeMs,
    long TransactionTimeMs,
    string Symbol,
    string ClientOrderId,
    string Side,
    string OrderType,
    string TimeInForce,
    decimal OriginalQuantity,
    decimal Price,
    decimal AveragePrice,
    decimal? StopPrice,
    string ExecutionType,
    string Status,
    long OrderId,
    decimal LastFilledQuantity,
    decimal CumulativeFilledQuantity,
    decimal LastFilledPrice,
    string? CommissionAsset,
    decimal? Commission,
    long TradeId,
    bool IsMaker,
    bool IsReduceOnly,
    string? WorkingType,
    string? OriginalOrderType,
    string? PositionSide,
    bool IsClosePosition,
    decimal? RealizedProfit) : UserDataEvent(EventTimeMs);

/// <summary><c>ACCOUNT_UPDATE</c>: balances and positions changed for <see cref="Reason"/> (ORDER, FUNDING_FEE, …).</summary>
public sealed record AccountUpdate(
    long EventTimeMs,
    long TransactionTimeMs,
    string Reason,
    IReadOnlyList<BalanceChange> Balances,
    IReadOnlyList<PositionChange> Positions) : UserDataEvent(EventTimeMs);

public sealed record BalanceChange(string Asset, decimal WalletBalance, decimal CrossWalletBalance, decimal? BalanceChangeExceptPnlAndFee);

public sealed record PositionChange(
    string Symbol, decimal PositionAmount, decimal EntryPrice, decimal? BreakEvenPrice, decimal AccumulatedRealized,
    decimal UnrealizedPnl, string MarginType, decimal? IsolatedWallet, string PositionSide);

/// <summary><c>TRADE_LITE</c>: the low-latency fill notice.</summary>
public sealed record TradeLite(
    long EventTimeMs, long TransactionTimeMs, string Symbol, decimal OriginalQuantity, decimal Price, bool IsMaker,
    string ClientOrderId, string Side, decimal LastFilledPrice, decimal LastFilledQuantity, long TradeId, long OrderId) : UserDataEvent(EventTimeMs);

/// <summary><c>ALGO_UPDATE</c>: a conditional (algo) order changed state (NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, …).</summary>
public sealed record AlgoUpdate(
    long EventTimeMs, long TransactionTimeMs, string ClientAlgoId, long AlgoId, string AlgoType, string OrderType,
    string Symbol, string Side, string? PositionSide, string? TimeInForce, decimal Quantity, string Status,
    string? ExchangeOrderId, decimal? AveragePrice, decimal? ExecutedQuantity, decimal? TriggerPrice, decimal? Price,
    string? WorkingType, bool IsReduceOnly, bool IsClosePosition, string? RejectReason) : UserDataEvent(EventTimeMs);

/// <summary><c>listenKeyExpired</c>: the stream is dead; create a new listenKey and reconnect.</summary>
public sealed record ListenKeyExpired(long EventTimeMs, string? ListenKey) : UserDataEvent(EventTimeMs);

/// <summary>An event type this adapter does not model (MARGIN_CALL, ACCOUNT_CONFIG_UPDATE, …): surfaced, not an error.</summary>
public sealed record UnhandledUserDataEvent(long EventTimeMs, string EventType) : UserDataEvent(EventTimeMs);
