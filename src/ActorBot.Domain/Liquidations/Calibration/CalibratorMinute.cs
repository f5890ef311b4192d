using ActorBot.Domain.Liquidations.Heatmap;

namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>
/// The calibrator's second input (SPEC §6.5): one completed minute of the symbol with the predicted liquidation map of
/// that minute, {tick → strength 0..1} per side (the combined heatmap's intensities). Events are attributed only against
/// a minute at or before their own. OI is in base units; the OI fuel uses its change relative to the prior OI.
/// </summary>
public sealed record CalibratorMinute(
    long MinuteMs,
    double Src,
    double High,
    double Low,
    double Close,
    double TakerBuyUsd,
    double TakerSellUsd,
    double? OpenInterest,
    double? PriorOpenInterest,
    IReadOnlyDictionary<long, double> PredictedLongs,
    IReadOnlyDictionary<long, double> PredictedShorts)
{
    public IReadOnlyDictionary<long, double> Predicted(LiquidationSide side) => side == LiquidationSide.Long ? PredictedLongs : PredictedShorts;

    /// <summary>
    /// Builds the minute from the minute clock's message and the symbol's combined heatmap of that minute (boost 1, the
    /// raw map the old calibrator read), with src the minute's OHLC4 as the inference uses.
    /// </summary>
    public static CalibratorMinute From(MinuteClosed minute, CombinedHeatmap heatmap, double? priorOpenInterest)
    {
        Dictionary<long, double> Map(LiquidationSide side)
            => heatmap.Side(side).Keys.ToDictionary(t => t, t => heatmap.Intensity(side, t));

        var src = (minute.Open + minute.High + minute.Low + minute.Close) / 4.0;
        return new CalibratorMinute(
            minute.MinuteMs, src, minute.High, minute.Low, minute.Close, minute.TakerBuyUsd, minute.TakerSellUsd,
            minute.OpenInterest, priorOpenInterest, Map(LiquidationSide.Long), Map(LiquidationSide.Short));
    }

    /// <summary>
    /// The same minute from the raw combined prediction per side (tick → USD, what /liquidations sends): each value
    /// divided by the maximum over both sides, as <see cref="CombinedHeatmap.Intensity"/> does; non-positive or
    /// non-finite values are left out.
    /// </summary>
    public static CalibratorMinute FromRaw(MinuteClosed minute, IReadOnlyDictionary<long, double> longUsd, IReadOnlyDictionary<long, double> shortUsd, double? priorOpenInterest)
    {
        ArgumentNullException.ThrowIfNull(minute);
        ArgumentNullException.ThrowIfNull(longUsd);
        ArgumentNullException.ThrowIfNull(shortUsd);
        static bool Usable(double v) => v > 0 && double.IsFinite(v);
        var max = longUsd.Values.Concat(shortUsd.Values).Where(Usable).DefaultIfEmpty(0).Max();
        Dictionary<long, double> Map(IReadOnlyDictionary<long, double> side)
            => max > 0 ? side.Where(kv => Usable(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value / max) : [];

        var src = (minute.Open + minute.High + minute.Low + minute.Close) / 4.0;
        return new CalibratorMinute(
            minute.MinuteMs, src, minute.High, minute.Low, minute.Close, minute.TakerBuyUsd, minute.TakerSellUsd,
            minute.OpenInterest, priorOpenInterest, Map(longUsd), Map(shortUsd));
    }
}
