using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;

namespace ActorBot.Domain.Tests.Barriers;

/// <summary>
/// Barrier engine on hand-made paths. Entry 100, ATR 2 → strategy preset R = 1: SL 97.5, BE trigger
/// 101, TP 104 for a long.
/// </summary>
public sealed class BarrierTradeTests
{
    private static readonly BarrierGeometry S = BarrierGeometry.Strategy;

    private static Bar B(int i, double high, double low, double close) => new(i * 60_000L, close, high, low, close, 1, 0.5, 0.5, 1);

    [Fact(DisplayName = "The strategy preset is R = 0.5 ATR, SL 2.5R, TP 4R, breakeven at 1R, 30 bars; legacy is SL 0.5 / TP 3 ATR without breakeven")]
    public void Presets()
    {
        var t = new BarrierTrade(1, 100, 2, S);
        (t.R, t.StopPrice, t.BreakevenTriggerPrice, t.TakeProfitPrice).Should().Be((1.0, 97.5, 101.0, 104.0));
        S.HorizonBars.Should().Be(30);
        var s = new BarrierTrade(-1, 100, 2, BarrierGeometry.Legacy05R3R);
        (s.R, s.StopPrice, s.TakeProfitPrice).Should().Be((2.0, 101.0, 94.0));
        double.IsNaN(s.BreakevenTriggerPrice).Should().BeTrue();
        BarrierGeometry.ByName("legacy_0p5r_3r").Should().Be(BarrierGeometry.Legacy05R3R);
    }

    [Fact(DisplayName = "TP wins a bar that touches both TP and SL")]
    public void TakeProfitWinsTies()
    {
        var t = new BarrierTrade(1, 100, 2, S);
        var o = t.OnBar(0, 104.5, 97.0, 100)!;
        o.Reason.Should().Be(ExitReason.TakeProfit);
        o.RFinal.Should().Be(4.0);
        o.MfeR.Should().Be(4.5);
        o.MaeR.Should().Be(-3.0);
    }

    [Fact(DisplayName = "The stop exits at -2.5R for a short whose high reaches the stop")]
    public void StopLossShort()
    {
        var t = new BarrierTrade(-1, 100, 2, S);
        t.OnBar(0, 100.5, 99.5, 100).Should().BeNull();
        var o = t.OnBar(1, 102.5, 100, 102)!;
        o.Reason.Should().Be(ExitReason.StopLoss);
        o.RFinal.Should().Be(-2.5);
        o.BarsHeld.Should().Be(2);
    }

    [Fact(DisplayName = "Breakeven becomes active only from the bar after its trigger, then exits at exactly 0R")]
    public void BreakevenFromNextBar()
    {
        var t = new BarrierTrade(1, 100, 2, S);
        t.OnBar(0, 101.2, 99.0, 100.5).Should().BeNull("the same-bar retrace below entry is ignored");
        t.BreakevenLocked.Should().BeTrue();
        var o = t.OnBar(1, 100.8, 99.9, 100.1)!;
        o.Reason.Should().Be(ExitReason.Breakeven);
        o.RFinal.Should().Be(0.0);
        o.HitBreakeven.Should().BeTrue();
    }

    [Fact(DisplayName = "Breakeven-locked trades still take profit when TP is touched, even if entry is touched too")]
    public void BreakevenThenTp()
    {
        var t = new BarrierTrade(1, 100, 2, S);
        t.OnBar(0, 101.0, 100.2, 100.5);
        t.OnBar(1, 104.0, 99.0, 103)!.Reason.Should().Be(ExitReason.TakeProfit);
    }

    [Fact(DisplayName = "At the horizon the trade closes at the last close, floored at 0R once breakeven was triggered")]
    public void Horizon()
    {
        var g = S with { HorizonBars = 3 };
        var plain = new BarrierTrade(1, 100, 2, g);
        plain.OnBar(0, 100.5, 99, 100).Should().BeNull();
        plain.OnBar(1, 100.5, 99, 100).Should().BeNull();
        var o = plain.OnBar(2, 100.5, 98, 99.0)!;
        (o.Reason, o.RFinal, o.ExitTimeMs).Should().Be((ExitReason.Horizon, -1.0, 2L));

        var be = new BarrierTrade(-1, 100, 2, g);
        be.OnBar(0, 100.5, 98.9, 99.5).Should().BeNull();
        be.OnBar(1, 99.9, 99.0, 99.5).Should().BeNull();
        be.OnBar(2, 99.95, 99.5, 99.9)!.RFinal.Should().BeApproximately(0.1, 1e-12);
    }

    [Fact(DisplayName = "The research label starts at the event bar and can win on the event bar's own range; the causal label cannot")]
    public void ResearchVersusCausal()
    {
        // Event bar: a long signal bar whose high (104.2) happened before its close (100) — the look-ahead of SPEC §0.
        var bars = new List<Bar> { B(0, 100, 99, 99.5), B(1, 104.2, 99.8, 100.0), B(2, 100.4, 99.6, 100.2), B(3, 100.3, 97.0, 97.2) };
        var research = LabelSimulator.Research(bars, 1, 1, 2, S);
        var causal = LabelSimulator.Causal(bars, 1, 1, 2, S);
        (research.Reason, research.WinLabel, research.ExitTimeMs).Should().Be((ExitReason.TakeProfit, 1, 60_000L));
        (causal.Reason, causal.WinLabel, causal.ExitTimeMs).Should().Be((ExitReason.StopLoss, 0, 180_000L));
        LabelSimulator.Causal(bars, 3, 1, 2, S).Reason.Should().Be(ExitReason.NoBars);
        LabelSimulator.Causal(bars, 1, 1, 2, S, entryPrice: 100.3).RFinal.Should().BeApproximately(-2.5, 1e-12);
    }

    [Fact(DisplayName = "Invalid sides, prices and ATRs are refused with a clear error")]
    public void BadInput()
    {
        var side = () => new BarrierTrade(0, 100, 2, S);
        side.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Side must be +1 or -1*");
        var atr = () => new BarrierTrade(1, 100, double.NaN, S);
        atr.Should().Throw<ArgumentException>().WithMessage("*ATR NaN*");
        var geometry = () => new BarrierTrade(1, 100, 2, S with { HorizonBars = 0 });
        geometry.Should().Throw<ArgumentException>().WithMessage("*'strategy' is not valid*");
    }
}
