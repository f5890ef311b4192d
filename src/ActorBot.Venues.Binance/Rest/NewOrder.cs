namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// A new-order request. Prices and quantities are <see cref="decimal"/> and formatted invariantly without
/// exponent. <see cref="ClientOrderId"/> is mandatory here: it is how an order in doubt is found again.
/// </summary>
public sealed record NewOrder(
    string Symbol,
    string Side,
    string Type,
    string ClientOrderId,
    decimal? Quantity = null,
    decimal? Price = null,
    string? TimeInForce = null,
    decimal? StopPrice = null,
    string? WorkingType = null,
    bool ReduceOnly = false,
    bool ClosePosition = false);
