namespace ActorBot.Domain.Supervision;

/// <summary>Why entries are paused. Each kind has a scope: one symbol, one venue, or everything.</summary>
public enum PauseKind
{
    /// <summary>A symbol's market data is older than <c>stale_timeout_sec</c>.</summary>
    StaleData,

    /// <summary>A backfill after a reconnect is running for a symbol.</summary>
    Backfilling,

    /// <summary>The venue's health actor reports Disabled (errors, bans, lost stream).</summary>
    VenueDisabled,

    /// <summary>The venue clock offset is over its limit, so signed requests and bar times are suspect.</summary>
    ClockOffset,

    /// <summary>The operator's kill switch is on.</summary>
    KillSwitch,

    /// <summary>Reconciliation found the same drift between execution's view and the venue on consecutive checks.</summary>
    ReconcileDrift,

    /// <summary>A symbol's leverage or margin type could not be set on the venue at start.</summary>
    AccountSetup,

    /// <summary>
    /// Cluster mode: this node lost the majority of the trading role, was downed, or is leaving — its symbols take no
    /// new entries until it is a healthy member again (another node may take them over meanwhile).
    /// </summary>
    ClusterMinority,
}

/// <summary>
/// One cause of SAFE_PAUSE. <paramref name="Scope"/> is the symbol (StaleData, Backfilling, AccountSetup), the venue
/// (VenueDisabled, ClockOffset, ReconcileDrift) or <c>*</c> (KillSwitch, ClusterMinority).
/// </summary>
public sealed record PauseReason(PauseKind Kind, string Scope)
{
    public const string Global = "*";

    public static PauseReason StaleData(string symbol) => new(PauseKind.StaleData, symbol);

    public static PauseReason Backfilling(string symbol) => new(PauseKind.Backfilling, symbol);

    public static PauseReason VenueDisabled(string venue) => new(PauseKind.VenueDisabled, venue);

    public static PauseReason ClockOffset(string venue) => new(PauseKind.ClockOffset, venue);

    public static PauseReason KillSwitch() => new(PauseKind.KillSwitch, Global);

    /// <summary>This cluster node lost the majority, was downed or is leaving (cluster mode only).</summary>
    public static PauseReason ClusterMinority() => new(PauseKind.ClusterMinority, Global);

    public static PauseReason ReconcileDrift(string venue) => new(PauseKind.ReconcileDrift, venue);

    public static PauseReason AccountSetup(string symbol) => new(PauseKind.AccountSetup, symbol);

    public bool IsSymbolScoped => Kind is PauseKind.StaleData or PauseKind.Backfilling or PauseKind.AccountSetup;

    public bool IsVenueScoped => Kind is PauseKind.VenueDisabled or PauseKind.ClockOffset or PauseKind.ReconcileDrift;

    public override string ToString() => Kind switch
    {
        PauseKind.StaleData => $"stale market data for {Scope}",
        PauseKind.Backfilling => $"backfill running for {Scope}",
        PauseKind.VenueDisabled => $"venue {Scope} disabled",
        PauseKind.ClockOffset => $"clock offset over limit on {Scope}",
        PauseKind.KillSwitch => "kill switch on",
        PauseKind.ClusterMinority => "cluster: this node lost the majority or was downed",
        PauseKind.ReconcileDrift => $"reconcile_drift on {Scope}",
        PauseKind.AccountSetup => $"leverage/margin type not set for {Scope}",
        _ => $"{Kind} {Scope}",
    };
}
