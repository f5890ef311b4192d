namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// A tape bucket removed because the minute's price range crossed it. It carries everything a zones engine needs to
/// create a sweep zone from the tape's own sweep (SPEC §13 #8: the old path ran after the tape had already deleted the
/// crossed zones, so it never saw one) and everything a logger needs for a <c>liq_sweeps</c> line.
/// </summary>
/// <param name="MinuteMs">The completed minute whose range swept the bucket (its start, epoch ms).</param>
/// <param name="TotalNotionalUsd">The bucket's decayed notional at the sweep (the log's <c>total_notional_usd</c>).</param>
/// <param name="PeakNotionalUsd">The highest notional the bucket held.</param>
/// <param name="Trigger">The minute's high (short buckets) or low (long buckets) that crossed the bucket.</param>
public sealed record SweptBucket(
    long MinuteMs,
    LiquidationSide Side,
    long Tick,
    decimal Price,
    double TotalNotionalUsd,
    int Count,
    double PeakNotionalUsd,
    long LastTimestampMs,
    SweepReason Reason,
    double Trigger)
{
    /// <summary>
    /// Notional per liquidation: what the old log wrote as <c>peak_notional_usd</c> (notional/count, not a peak);
    /// kept for the log's byte compatibility.
    /// </summary>
    public double MeanNotionalUsd => Count > 0 ? TotalNotionalUsd / Count : 0.0;
}
