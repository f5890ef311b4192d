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
}
