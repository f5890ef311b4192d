using ActorBot.Engine.Cluster;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Engine.Venues.Account;

/// <summary>Ask /venues/{venue}/account what it knows; answered with <see cref="AccountStatus"/>.</summary>
public sealed record GetAccountStatus : IClusterMessage
{
    public static GetAccountStatus Instance { get; } = new();
}

/// <summary>Ask /venues/{venue}/account to re-read the venue and reconcile now (tests, operators); no reply.</summary>
public sealed record ReconcileNow
{
    public static ReconcileNow Instance { get; } = new();
}

/// <summary>One asset's balances: wallet (as the stream last moved it) and available (as of the last REST read).</summary>
public sealed record AccountBalance(string Asset, decimal WalletBalance, decimal AvailableBalance);

/// <summary>A non-zero position on the venue (signed: long &gt; 0), as of the last read or ACCOUNT_UPDATE.</summary>
public sealed record HeldPosition(string Symbol, decimal Amount, decimal EntryPrice);

/// <summary>A symbol's leverage/margin-type setup at start: <c>ok</c>, or the venue's refusal (entries paused on it).</summary>
public sealed record SymbolSetup(string Symbol, int Leverage, string MarginType, string Status);

/// <summary>
/// The probe's view of the account (GET /venues/{venue}/account, shape in docs/venues.md): balances, positions, open
/// orders and open algo orders as last read, the user stream's listenKeys and connects, the reconcile counters
/// (runs, failures, last run, drift lines by kind, whether SAFE_PAUSE is raised) and the per-symbol setup.
/// </summary>
public sealed record AccountStatus(
    string Venue,
    IReadOnlyList<AccountBalance> Balances,
    IReadOnlyList<HeldPosition> Positions,
    IReadOnlyList<OrderResponse> OpenOrders,
    IReadOnlyList<AlgoOrderResponse> OpenAlgoOrders,
    long ListenKeysCreated,
    long StreamConnects,
    long UserDataGaps,
    long Reconciles,
    long ReconcileFailures,
    long ReconcilesSkipped,
    long? LastReconcileMs,
    long DriftTotal,
    IReadOnlyDictionary<string, long> DriftByKind,
    bool DriftPaused,
    IReadOnlyList<SymbolSetup> Setup) : IClusterMessage;
