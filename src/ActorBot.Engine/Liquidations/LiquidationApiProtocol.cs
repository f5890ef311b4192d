using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Binary;

namespace ActorBot.Engine.Liquidations;

// The questions the HTTP API (moonstream SPEC §11) asks /liquidations beside GetLiquidationSnapshot.

/// <summary>Asks /liquidations for its per-minute V2 history (answered with <see cref="LiquidationHistory"/>).</summary>
public sealed record GetLiquidationHistory(string Symbol) : ISymbolLiquidationMessage, ILiquidationQuery;

/// <summary>The last ≤ 720 minute records, oldest first (the ones reloaded from the ring file included).</summary>
public sealed record LiquidationHistory(string Symbol, IReadOnlyList<LiqHistoryRecord> Frames);

/// <summary>Asks /liquidations for its recent events: <c>ts &gt; SinceTsMs</c>, then the last <c>Limit</c> (answered with <see cref="LiquidationEvents"/>).</summary>
public sealed record GetLiquidationEvents(string Symbol, long SinceTsMs, int Limit) : ISymbolLiquidationMessage, ILiquidationQuery;

/// <summary>The events asked for, oldest first.</summary>
public sealed record LiquidationEvents(string Symbol, IReadOnlyList<LiquidationEvent> Events);

/// <summary>Asks /liquidations for the open interest per venue it holds (answered with <see cref="OpenInterestState"/>).</summary>
public sealed record GetOpenInterest(string Symbol) : ISymbolLiquidationMessage, ILiquidationQuery;

/// <summary>The latest OI sample per venue (base units), their sum, and the last sample's venue time (ms); empty before the first poll.</summary>
public sealed record OpenInterestState(string Symbol, IReadOnlyDictionary<string, double> PerVenue, double? Total, long? LastSampleMs);
