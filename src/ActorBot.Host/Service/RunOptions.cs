using ActorBot.Domain.Modes;

namespace ActorBot.Host.Service;

/// <summary>What <c>actorbot run</c> was asked to do.</summary>
public sealed record RunOptions(
    string? ConfigPath,
    TradeMode? TradeMode,
    bool EnableLiveExecution,
    int? HttpPort,
    TimeSpan? Duration);
