namespace ActorBot.Domain.Reconciliation;

/// <summary>
/// Compares our view of a venue account with the venue's snapshot and returns one drift record per
/// difference beyond tolerance (paraphina SPEC §6.2, with its inverted "account unavailable" condition
/// fixed: the record is emitted when the venue snapshot is missing, and it is informational, never a pause).
/// A breach is strict: |internal − venue| &gt; tolerance. Output is ordered by kind then symbol.
/// </summary>
public static class Reconciler
{
    public const string AccountSource = "account_snapshot";
    public const string OrderSource = "order_snapshot";

    public static IReadOnlyList<DriftRecord> Compare(
        AccountSnapshot ours,
        AccountSnapshot venue,
        IReadOnlyDictionary<string, decimal> stepSizes,
        ReconcileTolerances tolerances,
        int venueIndex,
        string venueId)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(stepSizes);
        ArgumentNullException.ThrowIfNull(tolerances);
        if (!venue.Available)
        {
            return [new DriftRecord(0, venueIndex, venueId, DriftKind.AccountUnavailable, null, null, null, null, null, AccountSource, false, DriftSeverity.Info)];
        }

        var ts = venue.TimestampMs;
        var drifts = new List<DriftRecord>();
        var symbols = ours.Positions.Keys.Union(venue.Positions.Keys).Order(StringComparer.Ordinal);
        foreach (var s in symbols)
        {
            var a = ours.Positions.GetValueOrDefault(s);
            var b = venue.Positions.GetValueOrDefault(s);
            var tol = tolerances.QtyEpsilonSteps * stepSizes.GetValueOrDefault(s);
            if (Math.Abs(a - b) > tol)
            {
                drifts.Add(new DriftRecord(ts, venueIndex, venueId, DriftKind.PositionQty, s, a, b, a - b, tol, AccountSource, true, DriftSeverity.Critical));
            }
        }

        AddBalance(drifts, DriftKind.MarginBalanceUsd, ours.WalletBalanceUsd, venue.WalletBalanceUsd);
        AddBalance(drifts, DriftKind.MarginAvailableUsd, ours.AvailableBalanceUsd, venue.AvailableBalanceUsd);

        foreach (var s in ours.OpenOrderIds.Keys.Union(venue.OpenOrderIds.Keys).Order(StringComparer.Ordinal))
        {
            var a = ours.OpenOrderIds.GetValueOrDefault(s) ?? new HashSet<string>();
            var b = venue.OpenOrderIds.GetValueOrDefault(s) ?? new HashSet<string>();
            var setDifference = a.Count(id => !b.Contains(id)) + b.Count(id => !a.Contains(id));
            if (setDifference > tolerances.OrderCountTolerance)
            {
                // SPEC §6.4: internal/venue are counts and diff their difference; the test uses the set difference.
                drifts.Add(new DriftRecord(ts, venueIndex, venueId, DriftKind.OpenOrders, s, a.Count, b.Count, a.Count - b.Count, tolerances.OrderCountTolerance, OrderSource, true, DriftSeverity.Critical));
            }
        }

        return drifts;

        void AddBalance(List<DriftRecord> into, string kind, decimal a, decimal b)
        {
            var tol = Math.Max(tolerances.BalanceToleranceUsd, tolerances.BalanceTolerancePct * Math.Abs(b));
            if (Math.Abs(a - b) > tol)
            {
                into.Add(new DriftRecord(ts, venueIndex, venueId, kind, null, a, b, a - b, tol, AccountSource, true, DriftSeverity.Warning));
            }
        }
    }
}
