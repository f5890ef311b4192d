namespace ActorBot.Domain.Hud;

/// <summary>
/// What the HUD should do now: send <see cref="Text"/> (standing for <see cref="Events"/> queued events), wait
/// until <see cref="WakeAtMs"/>, or nothing (idle: the queue is empty).
/// </summary>
public readonly record struct HudNext(string? Text, int Events, long? WakeAtMs)
{
    public static HudNext Idle => default;

    public bool IsSend => Text is not null;

    public static HudNext Send(string text, int events) => new(text, events, null);

    public static HudNext Wait(long wakeAtMs) => new(null, 0, wakeAtMs);
}

/// <summary>What happened to an offered message.</summary>
public enum HudOffer
{
    Queued,

    /// <summary>The same text was accepted within the dedup window.</summary>
    Duplicate,

    /// <summary>The queue was full (a slow or dead Bot API): dropped and counted.</summary>
    Dropped,
}
