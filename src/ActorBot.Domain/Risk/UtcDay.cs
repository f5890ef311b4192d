namespace ActorBot.Domain.Risk;

/// <summary>UTC calendar days as a count since the unix epoch; the daily loss cap resets when it changes.</summary>
public static class UtcDay
{
    public const long MillisecondsPerDay = 86_400_000L;

    /// <summary>Floor division, so instants before the epoch still land on the right day.</summary>
    public static long Of(long unixMs) => Math.DivRem(unixMs, MillisecondsPerDay) is var (q, r) && r < 0 ? q - 1 : q;

    public static long StartMs(long day) => day * MillisecondsPerDay;
}
