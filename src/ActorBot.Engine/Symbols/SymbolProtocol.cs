using ActorBot.Engine.Cluster;

namespace ActorBot.Engine.Symbols;

/// <summary>Market data for one symbol arrived (any stream); its event time in ms since the epoch.</summary>
public sealed record MarketDataSeen(string Symbol, long EventTimeMs);

/// <summary>Asks a symbol's subtree for its state; routed by the bot like market data.</summary>
public sealed record GetSymbolStatus(string Symbol) : IClusterMessage;

/// <summary>
/// A symbol's state: whether its data is stale, the event time of the last data seen, and whether new
/// entries are paused (its own stale data, or a bot-wide cause such as the kill switch or a disabled venue).
/// </summary>
public sealed record SymbolStatus(string Symbol, bool Stale, long? LastEventTimeMs, bool EntriesPaused) : IClusterMessage;

/// <summary>
/// From the bot: whether causes other than the symbol's own stale data (kill switch, venue disabled,
/// backfill, clock offset) currently pause this symbol. Sent on every change.
/// </summary>
public sealed record ExternalPauseChanged(string Symbol, bool Paused) : IClusterMessage;

/// <summary>Internal: the symbol's staleness watchdog fired.</summary>
internal sealed record StaleCheck
{
    public static readonly StaleCheck Instance = new();
}
