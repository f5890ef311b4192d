using ActorBot.Domain.Reconciliation;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using Akka.Hosting;

namespace ActorBot.Host.Service.Metrics;

/// <summary>
/// Account families, asked of <c>/user/venues/{venue}/account</c> when the venue trades: <c>reconcile_drift_total{venue,kind}</c>
/// (drift lines written to reconcile_drift.jsonl), the reconcile runs and failures, whether drift holds the venue in
/// SAFE_PAUSE, and the user stream's listenKeys and gaps.
/// </summary>
internal static class AccountMetrics
{
    public static IEnumerable<MetricSpec> Specs =>
    [
        MetricSpec.Counter("reconcile_drift_total", "Reconcile drift lines written, by kind.", "venue", "kind"),
        MetricSpec.Counter("actorbot_account_reconciles_total", "Account reconcile runs.", "venue"),
        MetricSpec.Counter("actorbot_account_reconcile_failures_total", "Account reconcile runs that failed.", "venue"),
        MetricSpec.Gauge("actorbot_account_drift_pause", "1 while persistent drift holds the venue in SAFE_PAUSE.", "venue"),
        MetricSpec.Counter("actorbot_account_listen_keys_created_total", "User stream listenKeys created.", "venue"),
        MetricSpec.Counter("actorbot_account_user_data_gaps_total", "User stream gaps.", "venue"),
    ];

    public static async Task SampleAsync(SampleSet samples, ActorRegistry registry, TradingRuntime? trading, CancellationToken ct)
    {
        if (trading is null || !registry.TryGet<VenuesActor>(out var venues))
        {
            return;
        }

        foreach (var venue in trading.Venues.Select(v => v.Venue.Venue))
        {
            if (await ProbeAsk.TryAsync<AccountStatus>(venues, new AskVenue(venue, GetAccountStatus.Instance), ct).ConfigureAwait(false) is { } status)
            {
                Add(samples, venue, status);
            }
        }
    }

    private static void Add(SampleSet samples, string venue, AccountStatus status)
    {

        // Every kind the Reconciler knows appears, so a rate() over a kind that never drifted is 0, not missing.
        var kinds = new[] { DriftKind.PositionQty, DriftKind.MarginBalanceUsd, DriftKind.MarginAvailableUsd, DriftKind.OpenOrders, DriftKind.AccountUnavailable }
            .Union(status.DriftByKind.Keys, StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            samples.Add("reconcile_drift_total", status.DriftByKind.GetValueOrDefault(kind), ("venue", venue), ("kind", kind));
        }

        var label = ("venue", venue);
        samples.Add("actorbot_account_reconciles_total", status.Reconciles, label);
        samples.Add("actorbot_account_reconcile_failures_total", status.ReconcileFailures, label);
        samples.Add("actorbot_account_drift_pause", status.DriftPaused ? 1 : 0, label);
        samples.Add("actorbot_account_listen_keys_created_total", status.ListenKeysCreated, label);
        samples.Add("actorbot_account_user_data_gaps_total", status.UserDataGaps, label);
    }
}
