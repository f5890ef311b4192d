namespace ActorBot.Venues.Simulator.Engine;

/// <summary>
/// A conditional order held by the simulated Algo Service until its trigger. Mutable, owned and locked by
/// <see cref="ExchangeEngine"/>. Statuses follow Binance: NEW → TRIGGERING → TRIGGERED → FINISHED, or
/// CANCELED (user), EXPIRED (system, e.g. closePosition with the position gone), REJECTED (matching engine).
/// </summary>
public sealed class SimAlgoOrder
{
    public required long AlgoId { get; init; }

    public required string ClientAlgoId { get; init; }

    public required string Symbol { get; init; }

    public required string Side { get; init; }

    /// <summary>STOP_MARKET or TAKE_PROFIT_MARKET (the market-conditional types the simulator executes).</summary>
    public required string OrderType { get; init; }

    public required decimal Quantity { get; init; }

    public required decimal TriggerPrice { get; init; }

    public required string WorkingType { get; init; }

    public required bool ReduceOnly { get; init; }

    public required bool ClosePosition { get; init; }

    public required bool PriceProtect { get; init; }

    public required string TimeInForce { get; init; }

    public required long CreateTimeMs { get; init; }

    public string Status { get; set; } = "NEW";

    public long UpdateTimeMs { get; set; }

    public long TriggerTimeMs { get; set; }

    /// <summary>The MARKET order placed on trigger (null before).</summary>
    public SimOrder? Actual { get; set; }

    public string? RejectReason { get; set; }

    public bool IsOpen => Status == "NEW";
}
