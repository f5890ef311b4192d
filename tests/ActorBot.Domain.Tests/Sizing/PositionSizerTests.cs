using ActorBot.Domain.Execution;
using ActorBot.Domain.Risk;
using ActorBot.Domain.Sizing;

namespace ActorBot.Domain.Tests.Sizing;

public sealed class PositionSizerTests
{
    // BTCUSDT-like rules: tick 0.10, step 0.001, MIN_NOTIONAL 100.
    private static readonly SymbolFilters Btc = new("BTCUSDT", 0.10m, 261.10m, 809_484m, 0.001m, 0.001m, 1_000m,
        MarketStepSize: 0.001m, MarketMinQty: 0.001m, MarketMaxQty: 120m, MinNotional: 100m,
        PercentPriceMultiplierUp: 1.05m, PercentPriceMultiplierDown: 0.95m);

    private static SizingRequest Request(decimal risk = 10m, decimal cap = 100_000m, decimal balance = 10_000m, decimal leverage = 5m,
        decimal price = 50_000m, decimal stop = 49_500m, TradeDirection direction = TradeDirection.Long) =>
        new(direction, price, stop, risk, cap, balance, leverage, Btc);

    [Fact(DisplayName = "Quantity is quote risk over stop distance, floored to the step")]
    public void RiskBased()
    {
        // 10 USD / 500 USD = 0.02
        PositionSizer.Size(Request()).Should().Be(new Sized(0.020m, 1_000m, SizeLimit.Risk));
        // 10 / 300 = 0.0333.. -> 0.033 (floored, never rounded up)
        PositionSizer.Size(Request(stop: 49_700m)).Should().BeOfType<Sized>().Which.Quantity.Should().Be(0.033m);
    }

    [Fact(DisplayName = "Shorts size from a stop above the entry")]
    public void Short() =>
        PositionSizer.Size(Request(direction: TradeDirection.Short, stop: 50_500m)).Should().BeOfType<Sized>().Which.Quantity.Should().Be(0.02m);

    [Fact(DisplayName = "The notional cap and balance x leverage cap the quantity: floor(min(cap, free x lev) / price / step) x step")]
    public void Caps()
    {
        // Risk qty 1000/500 = 2 BTC = 100k notional; cap 25k -> 0.5
        PositionSizer.Size(Request(risk: 1_000m, cap: 25_000m)).Should().Be(new Sized(0.5m, 25_000m, SizeLimit.NotionalCap));
        // balance 3,333 x 5 = 16,665 -> 0.3333 -> 0.333
        PositionSizer.Size(Request(risk: 1_000m, cap: 25_000m, balance: 3_333m)).Should().BeOfType<Sized>()
            .Which.Should().Match<Sized>(s => s.Quantity == 0.333m && s.LimitedBy == SizeLimit.Margin);
    }

    [Fact(DisplayName = "A size below the minimum is rejected, never inflated")]
    public void NeverInflates()
    {
        // 0.4 USD risk / 500 = 0.0008 < minQty 0.001
        PositionSizer.Size(Request(risk: 0.4m)).Should().BeOfType<SizeRejected>().Which.Reason.Should().Be(DropReason.MinQty);
        // 1 USD / 500 = 0.002 BTC = 100 USD notional: at the minimum, allowed; 0.9 USD -> 0.001 = 50 USD < 100
        PositionSizer.Size(Request(risk: 1m)).Should().BeOfType<Sized>();
        PositionSizer.Size(Request(risk: 0.9m)).Should().BeOfType<SizeRejected>().Which.Reason.Should().Be(DropReason.MinNotional);
    }

    [Fact(DisplayName = "An empty wallet is insufficient_balance, not min_qty")]
    public void InsufficientBalance()
    {
        PositionSizer.Size(Request(balance: 0m)).Should().BeOfType<SizeRejected>().Which.Reason.Should().Be(DropReason.InsufficientBalance);
        PositionSizer.Size(Request(balance: 5m, leverage: 1m)).Should().BeOfType<SizeRejected>().Which.Reason.Should().Be(DropReason.InsufficientBalance);
    }

    [Fact(DisplayName = "The market max quantity caps the size")]
    public void MaxQty() =>
        PositionSizer.Size(Request(risk: 1_000_000m, cap: 1e12m, balance: 1e12m)).Should().BeOfType<Sized>()
            .Which.Should().Match<Sized>(s => s.Quantity == 120m && s.LimitedBy == SizeLimit.MaxQty);

    [Theory(DisplayName = "A stop on the wrong side of the entry is refused")]
    [InlineData(TradeDirection.Long, 50_000)]
    [InlineData(TradeDirection.Long, 50_100)]
    [InlineData(TradeDirection.Short, 49_900)]
    public void InvalidStop(TradeDirection direction, int stop) =>
        PositionSizer.Size(Request(direction: direction, stop: stop)).Should().BeOfType<SizeRejected>().Which.Reason.Should().Be(DropReason.InvalidStop);
}
