using ActorBot.Domain.Bars;

namespace ActorBot.Domain.Barriers;

/// <summary>
/// The two label rules, run by the same <see cref="BarrierTrade"/> on the same bars:
/// <list type="bullet">
/// <item><b>Research</b> (SPEC §6.1, parity only): the path starts AT the event bar, whose high and low
/// happened before the entry at its close — the look-ahead of SPEC §0. H bars including the event bar.</item>
/// <item><b>Causal</b> (what the engine trades): decided at the event bar's close, barriers from the next
/// bar on, H bars after entry. Entry is the event close here (replay/paper); live entries use the fill price.</item>
/// </list>
/// Reporting both on the same events makes the size of the look-ahead visible.
/// </summary>
public static class LabelSimulator
{
    public static TradeOutcome Research(IReadOnlyList<Bar> bars, int eventIndex, int side, double atr, BarrierGeometry geometry) =>
        Run(bars, eventIndex, eventIndex, bars[eventIndex].Close, side, atr, geometry);

    public static TradeOutcome Causal(IReadOnlyList<Bar> bars, int eventIndex, int side, double atr, BarrierGeometry geometry, double? entryPrice = null) =>
        Run(bars, eventIndex + 1, eventIndex, entryPrice ?? bars[eventIndex].Close, side, atr, geometry);

    private static TradeOutcome Run(IReadOnlyList<Bar> bars, int first, int eventIndex, double entry, int side, double atr, BarrierGeometry geometry)
    {
        if (eventIndex < 0 || eventIndex >= bars.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(eventIndex), $"Event index {eventIndex} is outside the {bars.Count} bars.");
        }

        var trade = new BarrierTrade(side, entry, atr, geometry);
        var last = Math.Min(bars.Count - 1, first + geometry.HorizonBars - 1);
        if (first > last)
        {
            return new TradeOutcome(0.0, 0.0, 0.0, ExitReason.NoBars, null, entry, false, 0);
        }

        for (var i = first; i <= last; i++)
        {
            var b = bars[i];
            if (trade.OnBar(b.OpenTimeMs, b.High, b.Low, b.Close) is { } done)
            {
                return done;
            }
        }

        // Path shorter than the horizon (end of data): the research closes at the last path bar.
        var lastBar = bars[last];
        return trade.TimeOut(lastBar.OpenTimeMs, lastBar.Close);
    }
}
