using ActorBot.Engine.Strategy;
using ActorBot.Engine.Telemetry;
using Akka.Hosting;

namespace ActorBot.Host.Service.Metrics;

/// <summary>Strategy families, asked of <c>/user/strategy</c> (decisions by action are recorded where they happen: <see cref="ActorBotMetrics.Decisions"/>).</summary>
internal static class StrategyMetrics
{
    public static IEnumerable<MetricSpec> Specs =>
    [
        MetricSpec.Counter("actorbot_strategy_bars_total", "Closed 1-minute bars the strategy saw."),
        MetricSpec.Counter("actorbot_strategy_signals_total", "ShockFlip signals."),
        MetricSpec.Counter("actorbot_strategy_trades_closed_total", "Trades closed (paper/shadow and routed)."),
        MetricSpec.Gauge("actorbot_strategy_r_total", "Sum of R over closed trades."),
    ];

    public static async Task SampleAsync(SampleSet samples, ActorRegistry registry, CancellationToken ct)
    {
        if (!registry.TryGet<StrategyRecorder>(out var recorder)
            || await ProbeAsk.TryAsync<StrategyStatus>(recorder, GetStrategyStatus.Instance, ct).ConfigureAwait(false) is not { } status)
        {
            return;
        }

        samples.Add("actorbot_strategy_bars_total", status.Bars);
        samples.Add("actorbot_strategy_signals_total", status.Signals);
        samples.Add("actorbot_strategy_trades_closed_total", status.Trades);
        samples.Add("actorbot_strategy_r_total", status.GrossR);
    }
}
