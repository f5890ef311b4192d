using ActorBot.Domain.Risk;
using ActorBot.Domain.Sizing;

namespace ActorBot.Domain.Tests.Sizing;

public sealed class SymbolFiltersTests
{
    private static readonly SymbolFilters Eth = new("ETHUSDT", 0.01m, 39.86m, 306_177m, 0.001m, 0.001m, 10_000m,
        MarketStepSize: 0.001m, MarketMinQty: 0.001m, MarketMaxQty: 2_000m, MinNotional: 20m,
        PercentPriceMultiplierUp: 1.05m, PercentPriceMultiplierDown: 0.95m);

    [Theory(DisplayName = "Prices round onto the tick grid in the requested direction")]
    [InlineData(3_000.005, PriceRounding.Down, 3_000.00)]
    [InlineData(3_000.005, PriceRounding.Up, 3_000.01)]
    [InlineData(3_000.01, PriceRounding.Up, 3_000.01)]
    [InlineData(3_000.01, PriceRounding.Down, 3_000.01)]
    public void PriceRounding_(double price, PriceRounding rounding, double expected) =>
        Eth.RoundPrice((decimal)price, rounding).Should().Be((decimal)expected);

    [Fact(DisplayName = "Quantities floor onto the lot step")]
    public void FloorQuantity() => Eth.FloorQuantity(1.23456m, market: true).Should().Be(1.234m);

    [Fact(DisplayName = "MARKET orders use MARKET_LOT_SIZE when listed, limit orders LOT_SIZE")]
    public void MarketLot()
    {
        Eth.Lot(market: true).MaxQty.Should().Be(2_000m);
        Eth.Lot(market: false).MaxQty.Should().Be(10_000m);
        (Eth with { MarketMaxQty = null }).Lot(market: true).MaxQty.Should().Be(10_000m);
    }

    public static TheoryData<string, decimal?, decimal, bool, string?> Orders() => new()
    {
        { "valid limit", 3_000.01m, 0.01m, false, null },
        { "valid market", null, 0.01m, false, null },
        { "off tick", 3_000.005m, 0.01m, false, DropReason.TickSize },
        { "off step", 3_000m, 0.0105m, false, DropReason.StepSize },
        { "under minQty", 3_000m, 0.0005m, false, DropReason.MinQty },
        { "over market maxQty", null, 2_000.001m, false, DropReason.MaxQty },
        { "under notional", 3_000m, 0.006m, false, DropReason.MinNotional },
        { "reduce-only is exempt from notional", 3_000m, 0.006m, true, null },
        { "above percent band", 3_151m, 0.01m, false, DropReason.PercentPrice },
        { "below percent band", 2_849m, 0.01m, false, DropReason.PercentPrice },
        { "under minPrice", 39m, 1m, false, DropReason.MinPrice },
        { "over maxPrice", 306_178m, 0.01m, false, DropReason.MaxPrice },
    };

    [Theory(DisplayName = "Each filter rejects with its own reason; nothing is adjusted")]
    [MemberData(nameof(Orders))]
    public void Filters(string name, decimal? price, decimal qty, bool reduceOnly, string? expected)
    {
        var reason = OrderFilter.Check(Eth, price, qty, markPrice: 3_000m, reduceOnly)?.Reason;
        reason.Should().Be(expected, name);
    }

    [Fact(DisplayName = "A valid order passes every filter")]
    public void Passes() => OrderFilter.Check(Eth, 3_000.01m, 0.01m, 3_000m).Should().BeNull();

    [Fact(DisplayName = "A zero tick or step disables that rule, as Binance documents")]
    public void ZeroDisables() =>
        OrderFilter.Check(Eth with { TickSize = 0m }, 3_000.005m, 0.01m, 3_000m).Should().BeNull();
}
