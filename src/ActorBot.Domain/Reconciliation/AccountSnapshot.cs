namespace ActorBot.Domain.Reconciliation;

/// <summary>
/// One side of a reconciliation (ours from the journal, or the venue's from REST): signed positions and
/// open client order ids per symbol, wallet and available balance. <see cref="TimestampMs"/> 0 means
/// "unavailable" (no fresh venue snapshot) — such a snapshot never produces drift but its own record.
/// </summary>
public sealed record AccountSnapshot(
    long TimestampMs,
    IReadOnlyDictionary<string, decimal> Positions,
    IReadOnlyDictionary<string, IReadOnlySet<string>> OpenOrderIds,
    decimal WalletBalanceUsd,
    decimal AvailableBalanceUsd)
{
    public bool Available => TimestampMs > 0;
}

/// <summary>
/// Tolerances: a position differs when |internal − venue| &gt; <see cref="QtyEpsilonSteps"/> × the symbol's
/// step (half a step by default: any whole-step difference is real); a balance when it exceeds
/// max(<see cref="BalanceToleranceUsd"/>, <see cref="BalanceTolerancePct"/> × |venue|) — fees and funding move
/// balances by small amounts that are not drift; open orders when the set difference exceeds
/// <see cref="OrderCountTolerance"/>.
/// </summary>
public sealed record ReconcileTolerances(
    decimal QtyEpsilonSteps = 0.5m,
    decimal BalanceToleranceUsd = 1.0m,
    decimal BalanceTolerancePct = 0.001m,
    int OrderCountTolerance = 0);
