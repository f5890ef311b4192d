namespace ActorBot.Venues.Simulator.Replay;

/// <summary>How far replayed times move so recorded data looks live: whole minutes, so every trade stays in its bar.</summary>
public static class TimeRebase
{
    private const long MinuteMs = 60_000;

    /// <summary>The smallest whole-minute offset that puts <paramref name="firstEventMs"/> at or after <paramref name="nowMs"/>.</summary>
    public static long WholeMinuteOffset(long firstEventMs, long nowMs)
    {
        var delta = nowMs - firstEventMs;
        if (delta <= 0)
        {
            return 0;
        }

        return (delta + MinuteMs - 1) / MinuteMs * MinuteMs;
    }
}
