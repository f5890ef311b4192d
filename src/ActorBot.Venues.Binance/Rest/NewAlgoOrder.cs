namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// A conditional order for <c>POST /fapi/v1/algoOrder</c> (<c>algoType=CONDITIONAL</c>): STOP_MARKET or
/// TAKE_PROFIT_MARKET (STOP, TAKE_PROFIT and TRAILING_STOP_MARKET are valid on the venue too). Either
/// <see cref="Quantity"/> (usually with <see cref="ReduceOnly"/>) or <see cref="ClosePosition"/>, never both.
/// <see cref="ClientAlgoId"/> is mandatory here: it is how an order in doubt is found again.
/// </summary>
public sealed record NewAlgoOrder(
    string Symbol,
    string Side,
    string Type,
    string ClientAlgoId,
    decimal TriggerPrice,
    decimal? Quantity = null,
    bool ReduceOnly = false,
    bool ClosePosition = false,
    string WorkingType = "CONTRACT_PRICE",
    bool PriceProtect = false,
    string? PositionSide = null,
    string? TimeInForce = null,
    decimal? Price = null);
