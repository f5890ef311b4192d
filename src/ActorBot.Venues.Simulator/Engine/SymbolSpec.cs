namespace ActorBot.Venues.Simulator.Engine;

/// <summary>What the simulator lists in exchangeInfo for one symbol.</summary>
public sealed record SymbolSpec(string Symbol, string BaseAsset, decimal TickSize, decimal StepSize, decimal MinQuantity, decimal MaxQuantity, int PricePrecision, int QuantityPrecision)
{
    public static SymbolSpec Default(string symbol) =>
        new(symbol, symbol.EndsWith("USDT", StringComparison.Ordinal) ? symbol[..^4] : symbol, 0.01m, 0.001m, 0.001m, 1000m, 2, 3);
}
