using System.Globalization;
using System.Text;
using ActorBot.Domain.Reconciliation;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// Account lines for <c>/metrics</c>, asked of <c>/user/venues/{venue}/account</c> when the venue trades:
/// <c>reconcile_drift_total{venue,kind}</c> (drift lines written to reconcile_drift.jsonl), the reconcile runs and
/// failures, whether drift holds the venue in SAFE_PAUSE, and the user stream's listenKeys and gaps.
/// </summary>
internal static class AccountMetrics
{
    public static async Task AppendAsync(StringBuilder text, ActorRegistry registry, TradingRuntime? trading, CancellationToken ct)
    {
        if (trading is null || !registry.TryGet<VenuesActor>(out var venues))
        {
            return;
        }

        var venue = trading.Venue.Venue;
        if (await ProbeAsk.TryAsync<AccountStatus>(venues, new AskVenue(venue, GetAccountStatus.Instance), ct).ConfigureAwait(false) is not { } status)
        {
            return;
        }

        text.Append("# TYPE reconcile_drift_total counter\n");
        // Every kind the Reconciler knows appears, so a rate() over a kind that never drifted is 0, not missing.
        var kinds = new[] { DriftKind.PositionQty, DriftKind.MarginBalanceUsd, DriftKind.MarginAvailableUsd, DriftKind.OpenOrders, DriftKind.AccountUnavailable }
            .Union(status.DriftByKind.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            text.Append("reconcile_drift_total{venue=\"").Append(venue).Append("\",kind=\"").Append(kind).Append("\"} ")
                .Append(status.DriftByKind.GetValueOrDefault(kind).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var label = $"{{venue=\"{venue}\"}}";
        Line(text, "counter", "actorbot_account_reconciles_total", label, status.Reconciles);
        Line(text, "counter", "actorbot_account_reconcile_failures_total", label, status.ReconcileFailures);
        Line(text, "gauge", "actorbot_account_drift_pause", label, status.DriftPaused ? 1 : 0);
        Line(text, "counter", "actorbot_account_listen_keys_created_total", label, status.ListenKeysCreated);
        Line(text, "counter", "actorbot_account_user_data_gaps_total", label, status.UserDataGaps);
    }

    private static void Line(StringBuilder text, string type, string name, string label, long value) =>
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(label).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
