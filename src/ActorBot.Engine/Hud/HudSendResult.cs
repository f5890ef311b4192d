namespace ActorBot.Engine.Hud;

/// <summary>
/// How one sendMessage ended. <see cref="RetryAfter"/> is set on HTTP 429 (Telegram's <c>retry_after</c>);
/// <see cref="Error"/> is a short description that never contains the bot token.
/// </summary>
public sealed record HudSendResult(bool Ok, TimeSpan? RetryAfter, string? Error)
{
    public static readonly HudSendResult Sent = new(true, null, null);

    public static HudSendResult RateLimited(TimeSpan wait) => new(false, wait, $"429 Too Many Requests: retry after {wait.TotalSeconds:0}s");

    public static HudSendResult Failed(string error) => new(false, null, error);
}

/// <summary>Sends one HUD text to the operator's chat. Never throws: every failure is a <see cref="HudSendResult"/>.</summary>
public interface IHudSender
{
    Task<HudSendResult> SendAsync(string text, CancellationToken cancellationToken);
}
