using ActorBot.Domain.Execution;
using ActorBot.Domain.Paper;

namespace ActorBot.Domain.Tests.Paper;

public sealed class PaperFillModelTests
{
    private static readonly PaperQuote Book = new(Bid: 99m, Ask: 101m, LastTrade: 100.5m);

    private static PaperFillModel Model(PaperFillMode mode, decimal slippageBps = 0m) => new(new PaperFillSettings(mode, slippageBps, TakerFeeBps: 5m, MakerFeeBps: 2m));

    [Fact(DisplayName = "none never fills")]
    public void None() => Model(PaperFillMode.None).TryFill(new PaperOrder(OrderSide.Buy, 1m, null), Book).Should().BeNull();

    [Fact(DisplayName = "marketable fills only crossing orders, at the touch, as taker")]
    public void Marketable()
    {
        var m = Model(PaperFillMode.Marketable);
        m.TryFill(new PaperOrder(OrderSide.Buy, 1m, null), Book).Should().Be(new PaperFill(101m, 1m, 0.0505m, true));
        m.TryFill(new PaperOrder(OrderSide.Sell, 1m, 99m), Book)!.Price.Should().Be(99m);
        m.TryFill(new PaperOrder(OrderSide.Buy, 1m, 100m), Book).Should().BeNull("a bid under the ask rests");
        m.TryFill(new PaperOrder(OrderSide.Buy, 1m, null), new PaperQuote(null, null, 100.5m))!.Price.Should().Be(100.5m, "a market order with no book fills at the last trade");
    }

    [Fact(DisplayName = "mid fills everything at mid, resting orders as maker")]
    public void Mid()
    {
        var fill = Model(PaperFillMode.Mid).TryFill(new PaperOrder(OrderSide.Buy, 2m, 95m), Book)!;
        fill.Price.Should().Be(100m);
        fill.Taker.Should().BeFalse();
        fill.Fee.Should().Be(100m * 2m * 2m / 10_000m);
        Model(PaperFillMode.Mid).TryFill(new PaperOrder(OrderSide.Buy, 2m, 95m), new PaperQuote(null, 101m, null))!.Price.Should().Be(95m);
    }

    [Fact(DisplayName = "always falls back from mid to the one side there is, then the order price")]
    public void Always()
    {
        var m = Model(PaperFillMode.Always);
        m.TryFill(new PaperOrder(OrderSide.Sell, 1m, 120m), Book)!.Price.Should().Be(100m);
        m.TryFill(new PaperOrder(OrderSide.Sell, 1m, 120m), new PaperQuote(null, 101m, null))!.Price.Should().Be(101m);
        m.TryFill(new PaperOrder(OrderSide.Sell, 1m, 120m), new PaperQuote(null, null, null))!.Price.Should().Be(120m);
    }

    [Fact(DisplayName = "Slippage moves the price against the trader")]
    public void Slippage()
    {
        var m = Model(PaperFillMode.Marketable, slippageBps: 10m);
        m.TryFill(new PaperOrder(OrderSide.Buy, 1m, null), Book)!.Price.Should().Be(101m * 1.001m);
        m.TryFill(new PaperOrder(OrderSide.Sell, 1m, null), Book)!.Price.Should().Be(99m * 0.999m);
    }
}
