using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Models;
using ActorBot.Domain.Paper;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Symbols;

namespace ActorBot.Engine.Tests.Hud;

/// <summary>Strategy records as /trader sends them, with round figures the HUD tests can pin.</summary>
internal static class HudSamples
{
    public const long BarOpenMs = 1_765_000_800_000;

    public static SignalRecord Signal(EntryAction action, int side = 1, double close = 64000, double atr = 100, string? reason = null)
    {
        var bar = new Bar(BarOpenMs, close, close + 10, close - 10, close, 5, 3, 2, 40);
        var ev = new ShockFlipEvent { TimestampMs = BarOpenMs, Index = 7, Side = side, Features = new BarFeatures { Bar = bar, Index = 7, Atr = atr } };
        var decision = new RoutingDecision("BTCUSDT-7", "active", 0.6123, null, null, 0.55, action != EntryAction.SkippedBelowMinProb, null);
        return new SignalRecord("BTCUSDT", "BTCUSDT-7", new SnapSignal(ev, []), decision, action, reason);
    }

    public static TradeRecord PaperClose(double r = 1.5, double pnl = 12.34) =>
        new("BTCUSDT", new ClosedSnapTrade("BTCUSDT-7", BarOpenMs + 60_000, 1, 64000, new TradeOutcome(r, 2, -0.5, ExitReason.TakeProfit, BarOpenMs + 600_000, 64200, false, 10)),
            EndOfData: false, new FillResult(64000, 64200, 0.01, 2, 0.5, pnl, r));

    public static RoutedTradeRecord RoutedClose() =>
        new("ETHUSDT", "ETHUSDT-3", -1, 3000.5, 2990.25, 0.5m, 5.125m, 0.82, "take_profit");
}
