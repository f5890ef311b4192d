namespace ActorBot.Data.MarketData;

/// <summary>
/// How a venue's trade quantity maps to base-asset quantity. USD-M (linear) quantities are already
/// in the base asset. COIN-M (inverse) quantities are contracts of a fixed USD face value
/// (BTCUSD_PERP: 100 USD), so base qty = face × contracts / price, computed on the raw trade price.
/// </summary>
public sealed record ContractSpec(string Name, double? InverseContractUsd)
{
    public static ContractSpec Linear { get; } = new("linear", null);

    public static ContractSpec CoinMargined100Usd { get; } = new("inverse-100usd", 100.0);

    public double BaseQuantity(double quantity, double price) =>
        InverseContractUsd is { } face ? face * quantity / price : quantity;
}
