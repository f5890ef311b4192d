using ActorBot.Engine.Cluster;

namespace ActorBot.Engine.Risk;

// Messages of /user/bot/risk besides the money path (Trading/TradingProtocol.cs). The entry conditions arrive as
// messages, never as shared flags: they describe the present and are held in memory, not journaled (a restarted
// risk actor starts with every symbol cold and paused until told otherwise — the safe side).

/// <summary>
/// /{symbol}/shockflip → risk: whether the symbol's bars and features have seen enough bars to be trusted
/// (the models are loaded before the tree starts, so they are warm by construction). Sent on every change.
/// </summary>
public sealed record SymbolWarmChanged(string Symbol, bool Warm) : IClusterMessage;

/// <summary>
/// /user/bot → risk: whether any SAFE_PAUSE cause (stale data, venue disabled, kill switch, …) pauses entries on
/// this symbol. Sent on every change.
/// </summary>
public sealed record EntriesPauseChanged(string Symbol, bool Paused) : IClusterMessage;

/// <summary>
/// Risk → a symbol's bot (cluster: through the shard region, when a new risk singleton starts): send the entry
/// conditions again — <see cref="EntriesPauseChanged"/> from the bot, <see cref="SymbolWarmChanged"/> from /shockflip.
/// A new risk incarnation holds every symbol cold and paused until told otherwise, so without this a takeover of the
/// risk singleton would block entries until each condition next changed.
/// </summary>
public sealed record ResendRiskState : Cluster.IClusterMessage
{
    public static readonly ResendRiskState Instance = new();
}

/// <summary>
/// Replaces a symbol's exchange filters: /venues/{v}/account sends exchangeInfo's at start; until then (and without
/// a venue) the filters come from <c>actorbot.risk.filters</c>.
/// </summary>
public sealed record SetSymbolFilters(Domain.Sizing.SymbolFilters Filters) : IClusterMessage;

/// <summary>
/// /venues/{v}/account → risk: the account's free (available) balance in the quote asset, after every REST read of
/// the balances; sizing caps a position at free balance × leverage. Until the first one, <c>free-balance-usd</c>.
/// <paramref name="Venue"/>: whose account it is — with several venues it sizes only that venue's symbols.
/// </summary>
public sealed record SetFreeBalance(decimal Usd, string? Venue = null) : IClusterMessage;

/// <summary>Asks /risk for its state; answered with <see cref="RiskStatus"/>.</summary>
public sealed record GetRiskStatus
{
    public static readonly GetRiskStatus Instance = new();
}

/// <summary>
/// What /risk shows the probe: <c>risk_drops_total{reason}</c> since the process started (counters are process
/// metrics, not journaled), open trades per symbol, realised PnL of the current UTC day, the loss streak, the
/// cooldown end (unix ms) and the kill switch — the last four from the journaled book.
/// </summary>
public sealed record RiskStatus(
    IReadOnlyDictionary<string, long> DropsByReason,
    IReadOnlyDictionary<string, int> OpenTradesBySymbol,
    decimal RealisedPnlTodayUsd,
    int LossStreak,
    long? CooldownUntilMs,
    bool KillSwitchEngaged,
    string? KillSwitchReason);
