using ActorBot.Engine.Risk;
using ActorBot.Engine.Telemetry;
using Akka.Actor;

namespace ActorBot.Host.Service.Metrics;

/// <summary>The risk book's state, asked of <c>/user/bot/risk</c> when it runs (<c>risk_drops_total</c> is recorded where drops happen).</summary>
internal static class RiskMetrics
{
    public static IEnumerable<MetricSpec> Specs =>
    [
        MetricSpec.Gauge("actorbot_risk_open_trades", "Trades the risk book holds open."),
        MetricSpec.Gauge("actorbot_risk_realised_pnl_today_usd", "Realised PnL of the UTC day, USD."),
        MetricSpec.Gauge("actorbot_risk_loss_streak", "Consecutive losing trades."),
        MetricSpec.Gauge("actorbot_risk_kill_switch", "1 while the kill switch is engaged."),
    ];

    public static async Task SampleAsync(SampleSet samples, ActorSystem system, CancellationToken ct)
    {
        // No /risk (shadow, paper, testnet without keys) or it did not answer: no samples.
        if (await ProbeAsk.TryAsync<RiskStatus>(system.ActorSelection("/user/bot/risk"), GetRiskStatus.Instance, ct).ConfigureAwait(false) is not { } status)
        {
            return;
        }

        samples.Add("actorbot_risk_open_trades", status.OpenTradesBySymbol.Values.Sum());
        samples.Add("actorbot_risk_realised_pnl_today_usd", (double)status.RealisedPnlTodayUsd);
        samples.Add("actorbot_risk_loss_streak", status.LossStreak);
        samples.Add("actorbot_risk_kill_switch", status.KillSwitchEngaged ? 1 : 0);
    }
}
