using System.Globalization;
using System.Text;
using ActorBot.Engine.Strategy;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>Strategy lines for <c>/metrics</c>, asked of <c>/user/strategy</c>; a silent recorder adds no lines.</summary>
internal static class StrategyMetrics
{
    public static async Task AppendAsync(StringBuilder text, ActorRegistry registry, CancellationToken ct)
    {
        if (!registry.TryGet<StrategyRecorder>(out var recorder))
        {
            return;
        }

        if (await ProbeAsk.TryAsync<StrategyStatus>(recorder, GetStrategyStatus.Instance, ct).ConfigureAwait(false) is not { } status)
        {
            return;
        }

        Line(text, "counter", "actorbot_strategy_bars_total", string.Empty, status.Bars);
        Line(text, "counter", "actorbot_strategy_signals_total", string.Empty, status.Signals);
        text.Append("# TYPE actorbot_strategy_decisions_total counter\n");
        foreach (var (action, count) in status.Actions.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            text.Append("actorbot_strategy_decisions_total{action=\"").Append(action).Append("\"} ")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Line(text, "counter", "actorbot_strategy_trades_closed_total", string.Empty, status.Trades);
        text.Append("# TYPE actorbot_strategy_r_total gauge\nactorbot_strategy_r_total ")
            .Append(status.GrossR.ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Line(StringBuilder text, string type, string name, string labels, long value) =>
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
