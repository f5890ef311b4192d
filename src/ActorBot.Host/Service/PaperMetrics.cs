using System.Globalization;
using System.Text;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Paper;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>Paper venue lines for <c>/metrics</c> (paper mode only), asked of the paper execution; silent: no lines.</summary>
internal static class PaperMetrics
{
    public static async Task AppendAsync(StringBuilder text, ActorRegistry registry, PaperRuntime? paper, CancellationToken ct)
    {
        // The paper execution runs at /user/venues/{venue}/execution, asked through /user/venues.
        if (paper is null || !registry.TryGet<VenuesActor>(out var venues)
            || await ProbeAsk.TryAsync<PaperExecutionStatus>(venues, new AskVenue(paper.Paper.Venue, GetPaperExecutionStatus.Instance), ct).ConfigureAwait(false) is not { } status)
        {
            return;
        }

        Line(text, "counter", "actorbot_paper_fills_total", status.Fills);
        text.Append("# TYPE actorbot_paper_entries_refused_total counter\n");
        foreach (var (reason, count) in status.RefusedByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append("actorbot_paper_entries_refused_total{reason=\"").Append(reason).Append("\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("# TYPE actorbot_paper_closes_total counter\n");
        foreach (var (reason, count) in status.ClosesByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append("actorbot_paper_closes_total{reason=\"").Append(reason).Append("\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Line(text, "gauge", "actorbot_paper_open_trades", status.OpenTrades);
        Line(text, "counter", "actorbot_paper_fees_usd_total", status.FeesUsd);
        Line(text, "counter", "actorbot_paper_slippage_usd_total", status.SlippageUsd);
        Line(text, "gauge", "actorbot_paper_realized_pnl_usd", status.RealizedPnlUsd);
    }

    private static void Line(StringBuilder text, string type, string name, decimal value) =>
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
