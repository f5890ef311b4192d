using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Paper;
using Akka.Hosting;

namespace ActorBot.Host.Service.Metrics;

/// <summary>Paper venue families (paper mode only), asked of the paper execution; silent: no samples.</summary>
internal static class PaperMetrics
{
    public static IEnumerable<MetricSpec> Specs =>
    [
        MetricSpec.Counter("actorbot_paper_fills_total", "Paper fills (entries and exits)."),
        MetricSpec.Counter("actorbot_paper_entries_refused_total", "Paper entries refused, by reason.", "reason"),
        MetricSpec.Counter("actorbot_paper_closes_total", "Paper trades closed, by reason.", "reason"),
        MetricSpec.Gauge("actorbot_paper_open_trades", "Paper trades open."),
        MetricSpec.Counter("actorbot_paper_fees_usd_total", "Modelled fees, USD."),
        MetricSpec.Counter("actorbot_paper_slippage_usd_total", "Modelled slippage, USD."),
        MetricSpec.Gauge("actorbot_paper_realized_pnl_usd", "Realised paper PnL net of fees and slippage, USD."),
    ];

    // The paper execution runs as its venue's execution child (/user/venues/{venue}/execution): asked through /venues.
    // These families carry no venue label: with several paper venues they show the primary venue's.
    public static async Task SampleAsync(SampleSet samples, ActorRegistry registry, PaperRuntime? paper, CancellationToken ct)
    {
        if (paper is null || !registry.TryGet<VenuesActor>(out var venues)
            || await ProbeAsk.TryAsync<PaperExecutionStatus>(venues, new AskVenue(paper.Paper.Venue, GetPaperExecutionStatus.Instance), ct).ConfigureAwait(false) is not { } status)
        {
            return;
        }

        samples.Add("actorbot_paper_fills_total", status.Fills);
        foreach (var (reason, count) in status.RefusedByReason)
        {
            samples.Add("actorbot_paper_entries_refused_total", count, ("reason", reason));
        }

        foreach (var (reason, count) in status.ClosesByReason)
        {
            samples.Add("actorbot_paper_closes_total", count, ("reason", reason));
        }

        samples.Add("actorbot_paper_open_trades", status.OpenTrades);
        samples.Add("actorbot_paper_fees_usd_total", (double)status.FeesUsd);
        samples.Add("actorbot_paper_slippage_usd_total", (double)status.SlippageUsd);
        samples.Add("actorbot_paper_realized_pnl_usd", (double)status.RealizedPnlUsd);
    }
}
