using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Symbols;

/// <summary>Journaled by /trader: a paper trade was opened at <paramref name="EntryFill"/> after the decision at <paramref name="DecisionTimeMs"/>.</summary>
public sealed record SnapTradeOpened(string EventId, long DecisionTimeMs, int Side, double EntryFill, double Atr) : IPersisted;

/// <summary>Journaled by /trader: the trade of this event was closed.</summary>
public sealed record SnapTradeClosed(string EventId, long ExitBarOpenMs, double RFinal) : IPersisted;

/// <summary>Snapshot of /trader: the trades open at that sequence number.</summary>
public sealed record TraderSnapshot(IReadOnlyList<SnapTradeOpened> Open) : IPersisted;
