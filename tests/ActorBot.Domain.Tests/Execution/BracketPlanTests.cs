using ActorBot.Domain.Execution;
using ActorBot.Domain.Sizing;

namespace ActorBot.Domain.Tests.Execution;

public sealed class BracketPlanTests
{
    private static readonly SymbolFilters Btc = new("BTCUSDT", 0.10m, 261.10m, 809_484m, 0.001m, 0.001m, 1_000m);

    [Fact(DisplayName = "A long's SL and TP are priced from the actual fill, rounded down (SL away from entry, TP toward it)")]
    public void Long()
    {
        var fill = new EntryFill("BTCUSDT", TradeDirection.Long, 50_000.05m, 0.02m, "snap", 1_000);
        var b = BracketPlan.Plan(fill, new BracketGeometry(250.03m, 1_500.07m), Btc);
        b.StopLoss.TriggerPrice.Should().Be(49_750.0m); // 49,750.02 -> down
        b.TakeProfit.TriggerPrice.Should().Be(51_500.1m); // 51,500.12 -> down
        b.StopLoss.Side.Should().Be(OrderSide.Sell);
        b.StopLoss.VenueType.Should().Be("STOP_MARKET");
        b.TakeProfit.VenueType.Should().Be("TAKE_PROFIT_MARKET");
        b.StopLoss.ReduceOnly.Should().BeTrue();
        b.StopLoss.ClosePosition.Should().BeFalse();
        b.StopLoss.Quantity.Should().Be(0.02m);
        b.StopLoss.VenueWorkingType.Should().Be("MARK_PRICE");
        ClientOrderId.TryParse(b.StopLoss.ClientAlgoId, out var p).Should().BeTrue();
        p.Leg.Should().Be(OrderLeg.StopLoss);
    }

    [Fact(DisplayName = "A short's SL and TP round up (SL away from entry, TP toward it)")]
    public void Short()
    {
        var fill = new EntryFill("BTCUSDT", TradeDirection.Short, 50_000.05m, 0.02m, "snap", 1_000);
        var b = BracketPlan.Plan(fill, new BracketGeometry(250.03m, 1_500.07m, WorkingType.ContractPrice, UseClosePosition: true), Btc);
        b.StopLoss.TriggerPrice.Should().Be(50_250.1m); // 50,250.08 -> up
        b.TakeProfit.TriggerPrice.Should().Be(48_500.0m); // 48,499.98 -> up
        b.StopLoss.Side.Should().Be(OrderSide.Buy);
        b.StopLoss.ClosePosition.Should().BeTrue();
        b.StopLoss.ReduceOnly.Should().BeFalse("Binance refuses reduceOnly together with closePosition");
        b.StopLoss.Quantity.Should().BeNull();
        b.TakeProfit.VenueWorkingType.Should().Be("CONTRACT_PRICE");
    }

    [Fact(DisplayName = "Triggers stay at least one tick from the entry")]
    public void MinimumOneTick()
    {
        var fill = new EntryFill("BTCUSDT", TradeDirection.Long, 50_000.0m, 0.02m, "snap", 1_000);
        var b = BracketPlan.Plan(fill, new BracketGeometry(0.01m, 0.01m), Btc);
        b.StopLoss.TriggerPrice.Should().Be(49_999.9m);
        b.TakeProfit.TriggerPrice.Should().Be(50_000.1m);
    }
}
