using System.Collections.Immutable;

namespace ActorBot.Domain.Risk;

/// <summary>One approved, not yet closed trade as the risk book counts it.</summary>
public sealed record OpenExposure(string TradeId, string Symbol, decimal NotionalUsd);

/// <summary>
/// The persisted part of <c>/risk</c>: plain data (no behaviour beyond queries) so it serialises as a
/// snapshot. <see cref="CooldownUntilMs"/> is set when the loss streak reaches its maximum.
/// </summary>
public sealed record RiskState(
    long UtcDay,
    decimal RealisedPnlTodayUsd,
    int LossStreak,
    long? CooldownUntilMs,
    ImmutableList<OpenExposure> Open,
    bool KillSwitchEngaged,
    string? KillSwitchReason)
{
    public static RiskState Empty { get; } = new(0, 0m, 0, null, ImmutableList<OpenExposure>.Empty, false, null);

    public int OpenCount(string symbol) => Open.Count(o => o.Symbol == symbol);

    public decimal OpenNotional(string symbol) => Open.Where(o => o.Symbol == symbol).Sum(o => o.NotionalUsd);

    /// <summary>This state as seen on <paramref name="day"/>: a later day starts with no realised PnL.</summary>
    public RiskState OnDay(long day) => day > UtcDay ? this with { UtcDay = day, RealisedPnlTodayUsd = 0m } : this;
}
