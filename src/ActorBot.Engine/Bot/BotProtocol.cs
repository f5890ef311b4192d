using ActorBot.Domain.Modes;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Cluster;

namespace ActorBot.Engine.Bot;

/// <summary>A child reports a cause of SAFE_PAUSE (immediate).</summary>
public sealed record RaisePause(PauseReason Reason) : IClusterMessage;

/// <summary>A child reports a cause has cleared (effective after the hysteresis window).</summary>
public sealed record ClearPause(PauseReason Reason) : IClusterMessage;

/// <summary>The operator turns the kill switch on or off.</summary>
public sealed record SetKillSwitch(bool On) : IClusterMessage;

/// <summary>Asks the bot for its state (the HTTP probe uses this, never the actor's fields).</summary>
public sealed record GetBotStatus : IClusterMessage
{
    public static readonly GetBotStatus Instance = new();
}

/// <summary>Published on the event stream whenever the set of pause causes changes.</summary>
public sealed record SafePauseChanged(bool Paused, IReadOnlyList<string> Reasons);

/// <summary>The bot's state as the probe shows it. <paramref name="PauseEpisodes"/>: times it went from running to SAFE_PAUSE.</summary>
public sealed record BotStatus(
    TradeMode Mode,
    bool Paused,
    IReadOnlyList<string> PauseReasons,
    IReadOnlyList<string> ClearingReasons,
    IReadOnlyList<string> Symbols,
    string Venue,
    long UnknownSymbolMessages,
    long PauseEpisodes = 0) : IClusterMessage
{
    /// <summary>Every enabled venue, <see cref="Venue"/> (the primary) first.</summary>
    public IReadOnlyList<string> Venues { get; init; } = [Venue];

    /// <summary>The symbols some cause pauses now (a venue's cause pauses only that venue's symbols).</summary>
    public IReadOnlyList<string> PausedSymbols { get; init; } = [];
}

/// <summary>Internal tick that lets cleared causes leave after their hysteresis.</summary>
internal sealed record ExpirePauses
{
    public static readonly ExpirePauses Instance = new();
}
