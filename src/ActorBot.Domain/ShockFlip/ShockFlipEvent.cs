namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// One ShockFlip event (SPEC §5.2): the signalling bar's features, the side and trend alignment.
/// <see cref="TimestampMs"/> is the bar's open time (the research's label); the event is knowable
/// only at <see cref="DecisionTimeMs"/> = open + 60 s. Deciles are filled by the chosen decile rule.
/// </summary>
public sealed record ShockFlipEvent
{
    public required long TimestampMs { get; init; }

    public required int Index { get; init; }

    public required int Side { get; init; }

    public required BarFeatures Features { get; init; }

    public int TrendAligned { get; init; }

    public int ShockIntensityZDecile { get; init; }

    public int DivScoreDecile { get; init; }

    public int RelVolDecile { get; init; }

    public long DecisionTimeMs => TimestampMs + Bars.Bar.MinuteMs;

    public static ShockFlipEvent From(BarFeatures f, int side) => new()
    {
        TimestampMs = f.Bar.OpenTimeMs,
        Index = f.Index,
        Side = side,
        Features = f,
        TrendAligned = f.TrendDir != 0 && Math.Sign(side) == f.TrendDir ? 1 : 0,
    };
}
