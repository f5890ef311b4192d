namespace ActorBot.Domain.Execution;

/// <summary>Binance conditional order types placed through the Algo Order API (<c>algoType=CONDITIONAL</c>).</summary>
public enum ConditionalOrderType
{
    StopMarket,
    TakeProfitMarket,
}

/// <summary>Which price triggers a conditional order (<c>workingType</c>).</summary>
public enum WorkingType
{
    MarkPrice,
    ContractPrice,
}

/// <summary>
/// One exchange-hosted bracket leg, ready for <c>POST /fapi/v1/algoOrder</c>. Either
/// <see cref="ClosePosition"/> (no quantity; closes whatever is open) or <see cref="ReduceOnly"/> with a
/// <see cref="Quantity"/>; the venue refuses both together.
/// </summary>
public sealed record ConditionalOrder(
    string Symbol,
    OrderSide Side,
    ConditionalOrderType Type,
    decimal TriggerPrice,
    decimal? Quantity,
    bool ReduceOnly,
    bool ClosePosition,
    WorkingType WorkingType,
    string ClientAlgoId,
    OrderLeg Leg)
{
    public string VenueType => Type == ConditionalOrderType.StopMarket ? "STOP_MARKET" : "TAKE_PROFIT_MARKET";

    public string VenueWorkingType => WorkingType == WorkingType.MarkPrice ? "MARK_PRICE" : "CONTRACT_PRICE";
}
