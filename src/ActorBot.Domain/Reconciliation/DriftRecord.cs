namespace ActorBot.Domain.Reconciliation;

/// <summary>How bad a drift is. Critical drifts (positions, orders) count toward SAFE_PAUSE; info never does.</summary>
public enum DriftSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>
/// One line of <c>reconcile_drift.jsonl</c>, in the paraphina SPEC §6.4 shape
/// (<c>timestamp_ms, venue_index, venue_id, kind, internal, venue, diff, tolerance, source, available</c>)
/// plus two additive fields, <c>symbol</c> and <c>severity</c>. Kinds: <c>position_qty</c> (the SPEC's
/// <c>position_tao</c>, renamed because ours are per symbol, not TAO), <c>margin_balance_usd</c>,
/// <c>margin_available_usd</c>, <c>open_orders</c>, <c>account_unavailable</c>.
/// </summary>
public sealed record DriftRecord(
    long TimestampMs,
    int VenueIndex,
    string VenueId,
    string Kind,
    string? Symbol,
    decimal? Internal,
    decimal? Venue,
    decimal? Diff,
    decimal? Tolerance,
    string Source,
    bool Available,
    DriftSeverity Severity)
{
    /// <summary>Identity across checks for <see cref="DriftPersistence"/>: the same kind on the same symbol.</summary>
    public string Key => Symbol is null ? Kind : $"{Kind}:{Symbol}";
}

public static class DriftKind
{
    public const string PositionQty = "position_qty";
    public const string MarginBalanceUsd = "margin_balance_usd";
    public const string MarginAvailableUsd = "margin_available_usd";
    public const string OpenOrders = "open_orders";
    public const string AccountUnavailable = "account_unavailable";
}
