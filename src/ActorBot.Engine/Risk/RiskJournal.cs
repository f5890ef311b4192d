using System.Collections.Immutable;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Risk;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Risk;

// What /risk writes to the journal. Domain's RiskEvent records cannot carry IPersisted (Domain references no
// persistence), so each has a journal twin here with the same fields; RiskJournal maps both ways. Manifests are in
// EnginePersistence ("risk.*").

/// <summary>Journaled by /risk: <see cref="DayRolled"/>.</summary>
public sealed record RiskDayRolled(long UtcDay) : IPersisted;

/// <summary>Journaled by /risk: <see cref="TradeOpened"/> (direction as its sign, 1 long, −1 short).</summary>
public sealed record RiskTradeOpened(string TradeId, string Symbol, int Direction, decimal NotionalUsd, long OpenedAtMs) : IPersisted;

/// <summary>Journaled by /risk: <see cref="TradeClosed"/>.</summary>
public sealed record RiskTradeClosed(string TradeId, decimal PnlUsd, decimal R, long ClosedAtMs) : IPersisted;

/// <summary>Journaled by /risk: <see cref="TradeAbandoned"/>.</summary>
public sealed record RiskTradeAbandoned(string TradeId) : IPersisted;

/// <summary>Journaled by /risk: <see cref="KillSwitchChanged"/>.</summary>
public sealed record RiskKillSwitchChanged(bool Engaged, string Reason, long AtMs) : IPersisted;

/// <summary>Snapshot of /risk: the whole <see cref="RiskState"/>.</summary>
public sealed record RiskSnapshot(
    long UtcDay,
    decimal RealisedPnlTodayUsd,
    int LossStreak,
    long? CooldownUntilMs,
    IReadOnlyList<RiskOpenExposure> Open,
    bool KillSwitchEngaged,
    string? KillSwitchReason) : IPersisted;

/// <summary>One open trade inside <see cref="RiskSnapshot"/>.</summary>
public sealed record RiskOpenExposure(string TradeId, string Symbol, decimal NotionalUsd);

/// <summary>Maps Domain risk events and state to their journal records and back.</summary>
public static class RiskJournal
{
    public static IPersisted ToJournal(RiskEvent riskEvent) => riskEvent switch
    {
        DayRolled e => new RiskDayRolled(e.UtcDay),
        TradeOpened e => new RiskTradeOpened(e.TradeId, e.Symbol, e.Direction.Sign(), e.NotionalUsd, e.OpenedAtMs),
        TradeClosed e => new RiskTradeClosed(e.TradeId, e.PnlUsd, e.R, e.ClosedAtMs),
        TradeAbandoned e => new RiskTradeAbandoned(e.TradeId),
        KillSwitchChanged e => new RiskKillSwitchChanged(e.Engaged, e.Reason, e.AtMs),
        _ => throw new ArgumentException($"risk event {riskEvent.GetType().Name} has no journal record", nameof(riskEvent)),
    };

    /// <summary>The Domain event of a journal record, or null for anything else (e.g. a foreign message).</summary>
    public static RiskEvent? ToDomain(object record) => record switch
    {
        RiskDayRolled e => new DayRolled(e.UtcDay),
        RiskTradeOpened e => new TradeOpened(e.TradeId, e.Symbol, e.Direction > 0 ? TradeDirection.Long : TradeDirection.Short, e.NotionalUsd, e.OpenedAtMs),
        RiskTradeClosed e => new TradeClosed(e.TradeId, e.PnlUsd, e.R, e.ClosedAtMs),
        RiskTradeAbandoned e => new TradeAbandoned(e.TradeId),
        RiskKillSwitchChanged e => new KillSwitchChanged(e.Engaged, e.Reason, e.AtMs),
        _ => null,
    };

    public static RiskSnapshot ToSnapshot(RiskState s) => new(
        s.UtcDay, s.RealisedPnlTodayUsd, s.LossStreak, s.CooldownUntilMs,
        s.Open.Select(o => new RiskOpenExposure(o.TradeId, o.Symbol, o.NotionalUsd)).ToList(),
        s.KillSwitchEngaged, s.KillSwitchReason);

    public static RiskState ToState(RiskSnapshot s) => new(
        s.UtcDay, s.RealisedPnlTodayUsd, s.LossStreak, s.CooldownUntilMs,
        s.Open.Select(o => new OpenExposure(o.TradeId, o.Symbol, o.NotionalUsd)).ToImmutableList(),
        s.KillSwitchEngaged, s.KillSwitchReason);
}
