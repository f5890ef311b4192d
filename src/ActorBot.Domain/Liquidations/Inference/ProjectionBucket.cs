namespace ActorBot.Domain.Liquidations.Inference;

/// <summary>
/// One projected liquidation bucket (SPEC §4.2): the USD expected to be liquidated at the bucket, the source price
/// that first created it (the tape's entry estimate), the tier that first created it, and how often it was fed.
/// </summary>
public sealed class ProjectionBucket
{
    internal ProjectionBucket(LiquidationSide side, long tick, double entryPrice, int firstTier, long minuteMs)
    {
        Side = side;
        Tick = tick;
        EntryPrice = entryPrice;
        FirstTier = firstTier;
        LastMinuteMs = minuteMs;
    }

    public LiquidationSide Side { get; }

    public long Tick { get; }

    public double SizeUsd { get; internal set; }

    public double PeakSizeUsd { get; internal set; }

    /// <summary>The source price of the minute that created the bucket.</summary>
    public double EntryPrice { get; }

    /// <summary>The leverage tier that created the bucket (the old <c>leverage_est</c>).</summary>
    public int FirstTier { get; }

    public int InferenceCount { get; internal set; }

    public long LastMinuteMs { get; internal set; }
}
