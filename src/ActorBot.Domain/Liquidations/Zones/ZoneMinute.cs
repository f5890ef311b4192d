using ActorBot.Domain.Liquidations.Tape;

namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// Everything one closed minute brings to the zone book, in plain inputs: the minute's range (the sweep) and close (the
/// expiry distance), the tape's swept buckets (sweep zones, SPEC §13 #8), the inference's projections as zone evidence,
/// and the OI close factor in [0, 1) (0 when open interest did not fall). The glue builds it from
/// <see cref="MinuteClosed"/>, the tape's <see cref="TapeMinuteResult"/> and the inference result.
/// </summary>
public sealed record ZoneMinute(
    long MinuteMs,
    double High,
    double Low,
    double Price,
    IReadOnlyList<SweptBucket> TapeSwept,
    IReadOnlyList<ZoneInput> Evidence,
    double CloseFactor = 0)
{
    public static ZoneMinute From(MinuteClosed minute, TapeMinuteResult? tape = null, IReadOnlyList<ZoneInput>? evidence = null, double closeFactor = 0) =>
        new(minute.MinuteMs, minute.High, minute.Low, minute.Close, tape?.Swept ?? [], evidence ?? [], closeFactor);

    /// <summary>The maintenance time: the minute's end, when it closed. Events and ages use it.</summary>
    public long EndMs => MinuteMs + 60_000;
}

/// <summary>
/// What one minute did, in order: zones swept, zones expired, sweep zones and evidence applied, merges, plus inputs
/// refused. <see cref="Events"/> lists every lifecycle event in the order it happened, for the zone log.
/// <see cref="Applied"/> is false when the minute was not newer than the last one applied (nothing changed).
/// </summary>
public sealed record ZoneMinuteResult(
    long MinuteMs,
    bool Applied,
    int Swept,
    int Expired,
    int SweepZones,
    int Merged,
    bool CloseFactorApplied,
    IReadOnlyList<ZoneRejection> Rejections,
    IReadOnlyList<ZoneEvent> Events);

/// <summary>How one piece of evidence landed.</summary>
public enum ZoneUpsertOutcome
{
    Created,
    Reinforced,
    Rejected,
}

/// <summary>The result of one <see cref="ZoneBook.CreateOrReinforce"/>: the event for the log, or why nothing changed.</summary>
public sealed record ZoneUpsert(ZoneUpsertOutcome Outcome, ZoneEvent? Event, ZoneRejection? Rejection);
