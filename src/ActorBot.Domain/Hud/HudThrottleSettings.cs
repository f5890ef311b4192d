namespace ActorBot.Domain.Hud;

/// <summary>
/// Limits of the HUD's outgoing messages: the same text within <see cref="DedupWindow"/> is sent once; at most
/// <see cref="MaxPerMinute"/> sends in any rolling minute (the last slot of a minute carries everything still
/// waiting as one "N more events" message); at most <see cref="QueueCapacity"/> messages wait, the rest are dropped
/// and counted.
/// </summary>
public sealed record HudThrottleSettings(TimeSpan DedupWindow, int MaxPerMinute, int QueueCapacity)
{
    /// <summary>Telegram refuses texts over 4096 characters; longer ones are cut to this many.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Lines of a coalesced message that name the events it stands for (the rest are only counted).</summary>
    public const int CoalescedLines = 5;

    public HudThrottleSettings Validate()
    {
        if (DedupWindow < TimeSpan.Zero)
        {
            throw new ArgumentException("dedup window must not be negative");
        }

        if (MaxPerMinute < 1)
        {
            throw new ArgumentException("max messages per minute must be at least 1");
        }

        if (QueueCapacity < 1)
        {
            throw new ArgumentException("queue capacity must be at least 1");
        }

        return this;
    }
}
