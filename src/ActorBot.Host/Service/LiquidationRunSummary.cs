using System.Globalization;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Engine.Liquidations;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>
/// One line per symbol at the end of a run: what its liquidation subtree built (forced liquidations taken, minutes
/// inferred, pools, active zones, calibrations, order-book frames) and where the maps are served. Each figure is asked
/// of the actor that owns it through /user/bot; a part that does not run or does not answer in time prints as "-".
/// </summary>
public static class LiquidationRunSummary
{
    public static async Task<IReadOnlyList<string>> LinesAsync(ActorSystem system, IReadOnlyList<string> symbols, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(symbols);
        var bot = system.ActorSelection("/user/bot");
        var lines = new List<string>();
        foreach (var symbol in symbols)
        {
            var heatmap = Ask<LiquidationSnapshot>(bot, new GetLiquidationSnapshot(symbol), ct);
            var zones = Ask<ZonesState>(bot, new GetZones(symbol), ct);
            var calibrator = Ask<CalibratorStats>(bot, new GetCalibratorStats(symbol), ct);
            var book = Ask<BookStats>(bot, new GetBookStats(symbol), ct);
            var (h, z, c, b) = (await heatmap.ConfigureAwait(false), await zones.ConfigureAwait(false), await calibrator.ConfigureAwait(false), await book.ConfigureAwait(false));
            if (h is null && z is null && c is null && b is null)
            {
                continue;
            }

            var meta = h?.Snapshot?.Meta;
            var asset = LeverageLadders.BaseOf(symbol);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"liquidations {symbol}: {N(meta?.ForceOrdersTotal)} forced liquidations, {N(meta?.InferencesTotal)} inferences, " +
                $"pools {N(meta?.LongPoolsCount)} long / {N(meta?.ShortPoolsCount)} short, zones {N(z?.Summary.ActiveZonesLong)} long / {N(z?.Summary.ActiveZonesShort)} short, " +
                $"calibrations {N(c?.CalibrationCount)}, book frames {N(b?.FramesHeld)} — /liq_heatmap_v2?symbol={asset}, /ui/heatmap?symbol={asset}"));
        }

        return lines;
    }

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    // A symbol that runs no such child answers with a failure; a busy one times out: both are "-", never an error.
    private static async Task<T?> Ask<T>(ActorSelection bot, object message, CancellationToken ct)
        where T : class
    {
        try
        {
            return await bot.Ask<T>(message, ProbeAsk.Timeout).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AskTimeoutException or InvalidOperationException or OperationCanceledException)
        {
            return null;
        }
    }
}
