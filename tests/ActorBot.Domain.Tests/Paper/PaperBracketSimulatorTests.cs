using ActorBot.Domain.Execution;
using ActorBot.Domain.Paper;

namespace ActorBot.Domain.Tests.Paper;

public sealed class PaperBracketSimulatorTests
{
    private static readonly PaperFillModel Fills = new(new PaperFillSettings(PaperFillMode.Always, 0m, 0m, 0m));
    private static readonly PaperBracket LongBracket = new("BTCUSDT", TradeDirection.Long, 1m, 100m, StopTrigger: 95m, TakeProfitTrigger: 110m, ArmedAtMs: 1_000);
    private static readonly PaperBracket ShortBracket = LongBracket with { Direction = TradeDirection.Short, StopTrigger = 105m, TakeProfitTrigger = 90m };

    [Fact(DisplayName = "Prints at or before the entry fill never trigger")]
    public void OnlyLaterPrints()
    {
        PaperBracketSimulator.OnPrint(LongBracket, new TradePrint(1, 90m, 1_000), Fills).Should().BeNull();
        PaperBracketSimulator.OnPrint(LongBracket, new TradePrint(2, 90m, 1_001), Fills)!.Leg.Should().Be(OrderLeg.StopLoss);
    }

    [Fact(DisplayName = "A long exits at TP on a print at or above the trigger, with PnL")]
    public void LongTakeProfit()
    {
        var exit = PaperBracketSimulator.FirstExit(LongBracket, [new(1, 101m, 2_000), new(2, 109.9m, 3_000), new(3, 110m, 4_000), new(4, 90m, 5_000)], Fills)!;
        exit.Leg.Should().Be(OrderLeg.TakeProfit);
        exit.Print.TradeId.Should().Be(3);
        exit.PnlUsd.Should().Be(10m);
    }

    [Fact(DisplayName = "A gap through the stop fills at the print, not the trigger")]
    public void GapThroughStop()
    {
        var exit = PaperBracketSimulator.OnPrint(LongBracket, new TradePrint(1, 93m, 2_000), Fills)!;
        exit.FillPrice.Should().Be(93m);
        exit.PnlUsd.Should().Be(-7m);
    }

    [Fact(DisplayName = "Shorts mirror: SL above, TP below")]
    public void Short()
    {
        PaperBracketSimulator.OnPrint(ShortBracket, new TradePrint(1, 105m, 2_000), Fills)!.Leg.Should().Be(OrderLeg.StopLoss);
        PaperBracketSimulator.OnPrint(ShortBracket, new TradePrint(1, 90m, 2_000), Fills)!.PnlUsd.Should().Be(10m);
        PaperBracketSimulator.OnPrint(ShortBracket, new TradePrint(1, 100m, 2_000), Fills).Should().BeNull();
    }

    [Fact(DisplayName = "Tie rule: a print satisfying both legs exits at the stop")]
    public void TieGoesToStop()
    {
        var crossed = LongBracket with { StopTrigger = 100m, TakeProfitTrigger = 100m };
        PaperBracketSimulator.OnPrint(crossed, new TradePrint(1, 100m, 2_000), Fills)!.Leg.Should().Be(OrderLeg.StopLoss);
    }
}
