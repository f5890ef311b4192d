namespace ActorBot.Engine.Hud;

/// <summary>
/// Published on the event stream (or told to <c>/user/hud</c>) when the kill switch is engaged or released;
/// <paramref name="Source"/> says by whom (environment, file, probe).
/// </summary>
public sealed record KillSwitchChanged(bool Engaged, string Source);

/// <summary>
/// Published on the event stream by the reconciliation actor when the venue's account and ours disagree beyond the
/// tolerance (kinds as in <c>Domain.Reconciliation.DriftKind</c>); the HUD reports each one.
/// </summary>
public sealed record ReconcileDriftDetected(
    string Venue,
    string Kind,
    string? Symbol,
    decimal? Internal,
    decimal? VenueValue,
    decimal? Tolerance,
    string Severity);

/// <summary>Asks <c>/user/hud</c> for <see cref="HudStatus"/> (the probe's view; never read from actor fields).</summary>
public sealed record GetHudStatus
{
    public static readonly GetHudStatus Instance = new();
}

/// <summary>
/// The HUD's counters. <paramref name="Dropped"/> is <c>hud_dropped_total</c>: messages lost to a full queue
/// (a slow or dead Bot API); <paramref name="Failed"/> sends the API refused or that timed out.
/// </summary>
public sealed record HudStatus(
    long Sent,
    long Failed,
    long Dropped,
    long Deduplicated,
    long Coalesced,
    long RateLimited,
    int Queued,
    DateTimeOffset? BlockedUntil,
    string? LastError);

/// <summary>Timer: the UTC day <paramref name="Day"/> ended; send its summary.</summary>
internal sealed record DailySummaryDue(DateOnly Day);

/// <summary>Timer or event: try to send what is queued.</summary>
internal sealed record PumpHud
{
    public static readonly PumpHud Instance = new();
}

/// <summary>A send finished (piped back from the sender's task, off the actor's message loop).</summary>
internal sealed record HudSendCompleted(string Text, int Events, HudSendResult Result);
