using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Risk;

/// <summary>
/// What happened to the portfolio. The persistent <c>/risk</c> actor journals these and folds them with
/// <see cref="RiskBook.Apply"/> in commands and in recovery alike, so recovery cannot drift from live.
/// </summary>
public abstract record RiskEvent;

/// <summary>A new UTC day began: the day's realised PnL starts again from zero.</summary>
public sealed record DayRolled(long UtcDay) : RiskEvent;

/// <summary>An entry was approved; its slot and notional count against the caps until it closes or is abandoned.</summary>
public sealed record TradeOpened(string TradeId, string Symbol, TradeDirection Direction, decimal NotionalUsd, long OpenedAtMs) : RiskEvent;

/// <summary>A trade closed with realised <paramref name="PnlUsd"/> (net of fees) and its result in R.</summary>
public sealed record TradeClosed(string TradeId, decimal PnlUsd, decimal R, long ClosedAtMs) : RiskEvent;

/// <summary>An approved entry never filled (rejected, expired, refused by filters): its slot is released without PnL.</summary>
public sealed record TradeAbandoned(string TradeId) : RiskEvent;

/// <summary>The kill switch latched (or an operator released it). Latched state survives restarts.</summary>
public sealed record KillSwitchChanged(bool Engaged, string Reason, long AtMs) : RiskEvent;
