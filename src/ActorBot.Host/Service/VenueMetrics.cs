using System.Globalization;
using System.Text;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// Venue lines for <c>/metrics</c>: asks <c>/user/venues</c> (when it runs) for each venue's health and
/// stream counters. A venue that does not answer in time is reported as not up rather than blocking the scrape.
/// </summary>
internal static class VenueMetrics
{
    public static async Task AppendAsync(StringBuilder text, ActorRegistry registry, string venue, CancellationToken ct)
    {
        if (!registry.TryGet<VenuesActor>(out var venues))
        {
            return;
        }

        var label = $"{{venue=\"{venue}\"}}";
        // An actor that does not answer is reported below as not up.
        var health = await ProbeAsk.TryAsync<VenueHealth>(venues, new AskVenue(venue, GetVenueHealth.Instance), ct).ConfigureAwait(false);
        var market = await ProbeAsk.TryAsync<MarketStreamStatus>(venues, new AskVenue(venue, GetMarketStreamStatus.Instance), ct).ConfigureAwait(false);

        Gauge(text, "actorbot_venue_healthy", label, health?.Status == VenueStatus.Healthy ? 1 : 0);
        Gauge(text, "actorbot_venue_market_stream_up", label, market?.Up == true ? 1 : 0);
        if (market is null)
        {
            return;
        }

        Counter(text, "actorbot_venue_market_frames_total", label, market.FramesReceived);
        Counter(text, "actorbot_venue_trades_forwarded_total", label, market.TradesForwarded);
        Counter(text, "actorbot_venue_decode_errors_total", label, market.DecodeErrors);
        Counter(text, "actorbot_venue_market_stream_connects_total", label, market.Connects);
        Counter(text, "actorbot_venue_market_stream_connect_failures_total", label, market.ConnectFailures);
        Counter(text, "actorbot_venue_market_stream_stalls_total", label, market.StallsDetected);
        Counter(text, "actorbot_venue_backfills_total", label, market.Backfills);
        Counter(text, "actorbot_venue_trades_backfilled_total", label, market.TradesBackfilled);
        Counter(text, "actorbot_venue_trades_unfilled_total", label, market.TradesUnfilled);
    }

    private static void Gauge(StringBuilder text, string name, string label, long value) => Line(text, "gauge", name, label, value);

    private static void Counter(StringBuilder text, string name, string label, long value) => Line(text, "counter", name, label, value);

    private static void Line(StringBuilder text, string type, string name, string label, long value) =>
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(label).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
