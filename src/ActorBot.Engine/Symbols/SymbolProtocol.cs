namespace ActorBot.Engine.Symbols;

/// <summary>Market data for one symbol arrived (any stream); its event time in ms since the epoch.</summary>
public sealed record MarketDataSeen(string Symbol, long EventTimeMs);

/// <summary>Asks a symbol's subtree for its state; routed by the bot like market data.</summary>
public sealed record GetSymbolStatus(string Symbol);

/// <summary>A symbol's state: whether its data is stale and the event time of the last data seen.</summary>
public sealed record SymbolStatus(string Symbol, bool Stale, long? LastEventTimeMs);

/// <summary>Internal: the symbol's staleness watchdog fired.</summary>
internal sealed record StaleCheck
{
    public static readonly StaleCheck Instance = new();
}
