using ActorBot.Domain.Paper;

namespace ActorBot.Engine.Venues.Paper;

/// <summary>Ask the paper execution for its totals; answered with <see cref="PaperExecutionStatus"/>.</summary>
public sealed record GetPaperExecutionStatus
{
    public static GetPaperExecutionStatus Instance { get; } = new();
}

/// <summary>
/// What the paper venue did (journaled totals survive a restart; refusals are process counters): fills, entries
/// refused by reason (e.g. <c>paper_fill_none</c>), closes by reason, fees and slippage cost in USD, realised PnL net
/// of fees, open trades.
/// </summary>
public sealed record PaperExecutionStatus(
    string Venue,
    PaperFillMode Mode,
    long Fills,
    IReadOnlyDictionary<string, long> RefusedByReason,
    IReadOnlyDictionary<string, long> ClosesByReason,
    decimal FeesUsd,
    decimal SlippageUsd,
    decimal RealizedPnlUsd,
    int OpenTrades);
