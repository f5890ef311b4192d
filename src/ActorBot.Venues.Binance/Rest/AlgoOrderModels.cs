namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// An algo (conditional) order as REST answers it (new / query / open). <see cref="AlgoStatus"/>: NEW,
/// TRIGGERING, TRIGGERED, FINISHED, CANCELED, EXPIRED, REJECTED. <see cref="ActualOrderId"/> is the matching
/// engine's order once triggered (empty before).
/// </summary>
public sealed record AlgoOrderResponse(
    long AlgoId,
    string ClientAlgoId,
    string AlgoType,
    string OrderType,
    string Symbol,
    string Side,
    string PositionSide,
    string? TimeInForce,
    decimal Quantity,
    string AlgoStatus,
    decimal TriggerPrice,
    decimal? Price,
    string WorkingType,
    bool ClosePosition,
    bool PriceProtect,
    bool ReduceOnly,
    long? CreateTimeMs,
    long? UpdateTimeMs,
    long? TriggerTimeMs,
    string? ActualOrderId,
    decimal? ActualPrice)
{
    /// <summary>Still waiting for its trigger (the states a kill switch or restart must cancel or adopt).</summary>
    public bool IsOpen => AlgoStatus == "NEW";
}

/// <summary><c>DELETE /fapi/v1/algoOrder</c> answer.</summary>
public sealed record AlgoCancelResponse(long AlgoId, string ClientAlgoId, string Code, string Message);

/// <summary>A <c>{"code":200,"msg":…}</c> acknowledgement (cancel-all).</summary>
public sealed record CodeMessage(int Code, string Message);
