namespace ActorBot.Venues.Simulator.Engine;

/// <summary>An order inside the simulated exchange. Mutable, owned and locked by <see cref="ExchangeEngine"/>.</summary>
public sealed class SimOrder
{
    public required long OrderId { get; init; }

    public required string Symbol { get; init; }

    public required string ClientOrderId { get; init; }

    public required string Side { get; init; }

    public required string Type { get; init; }

    public required string TimeInForce { get; init; }

    public required decimal Quantity { get; set; }

    public required decimal Price { get; init; }

    public required decimal StopPrice { get; init; }

    public required string WorkingType { get; init; }

    public required bool ReduceOnly { get; init; }

    public required bool ClosePosition { get; init; }

    public required long TimeMs { get; init; }

    public string Status { get; set; } = "NEW";

    public decimal ExecutedQuantity { get; set; }

    public decimal CumulativeQuote { get; set; }

    public long UpdateTimeMs { get; set; }

    public decimal AveragePrice => ExecutedQuantity == 0 ? 0 : CumulativeQuote / ExecutedQuantity;

    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";

    /// <summary>For the MARKET order an algo order places on trigger: the algo's type (STOP_MARKET, …), reported as <c>ot</c>.</summary>
    public string? OriginalType { get; init; }

    public decimal Remaining => Quantity - ExecutedQuantity;
}
