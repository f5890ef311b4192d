using System.Globalization;
using System.Text;
using ActorBot.Engine.Risk;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary><c>risk_drops_total{reason}</c> and the risk book's state for <c>/metrics</c>, asked of <c>/user/bot/risk</c> when it runs.</summary>
internal static class RiskMetrics
{
    public static async Task AppendAsync(StringBuilder text, ActorSystem system, CancellationToken ct)
    {
        // No /risk (shadow, paper, testnet without keys) or it did not answer: no lines.
        if (await ProbeAsk.TryAsync<RiskStatus>(system.ActorSelection("/user/bot/risk"), GetRiskStatus.Instance, ct).ConfigureAwait(false) is not { } status)
        {
            return;
        }

        text.Append("# TYPE risk_drops_total counter\n");
        foreach (var (reason, count) in status.DropsByReason.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            text.Append("risk_drops_total{reason=\"").Append(reason).Append("\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("# TYPE actorbot_risk_open_trades gauge\nactorbot_risk_open_trades ")
            .Append(status.OpenTradesBySymbol.Values.Sum().ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# TYPE actorbot_risk_realised_pnl_today_usd gauge\nactorbot_risk_realised_pnl_today_usd ")
            .Append(status.RealisedPnlTodayUsd.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# TYPE actorbot_risk_loss_streak gauge\nactorbot_risk_loss_streak ")
            .Append(status.LossStreak.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# TYPE actorbot_risk_kill_switch gauge\nactorbot_risk_kill_switch ").Append(status.KillSwitchEngaged ? 1 : 0).Append('\n');
    }
}
