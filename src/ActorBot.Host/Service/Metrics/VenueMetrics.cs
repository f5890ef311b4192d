using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Rest;
using Akka.Hosting;

namespace ActorBot.Host.Service.Metrics;

/// <summary>
/// Venue families, asked of <c>/user/venues</c> (when it runs) for each venue's health and stream counters. A venue
/// that does not answer in time is reported as not up rather than blocking the scrape.
/// </summary>
internal static class VenueMetrics
{
    private static readonly (string Name, string Help, Func<MarketStreamStatus, long> Value)[] StreamCounters =
    [
        ("actorbot_venue_market_frames_total", "Market stream frames received.", m => m.FramesReceived),
        ("actorbot_venue_trades_forwarded_total", "Trades forwarded to the bot.", m => m.TradesForwarded),
        ("actorbot_venue_decode_errors_total", "Market payloads that failed to decode (decode_errors_total has source and reason).", m => m.DecodeErrors),
        ("actorbot_venue_market_stream_connects_total", "Market stream connects.", m => m.Connects),
        ("actorbot_venue_market_stream_connect_failures_total", "Market stream connect failures.", m => m.ConnectFailures),
        ("actorbot_venue_market_stream_stalls_total", "Silent market stream stalls detected.", m => m.StallsDetected),
        ("actorbot_venue_backfills_total", "REST backfills after a gap or stall.", m => m.Backfills),
        ("actorbot_venue_trades_backfilled_total", "Trades recovered by backfill.", m => m.TradesBackfilled),
        ("actorbot_venue_trades_unfilled_total", "Trades a backfill could not recover.", m => m.TradesUnfilled),
    ];

    public static IEnumerable<MetricSpec> Specs =>
        new[]
        {
            MetricSpec.Gauge("actorbot_venue_healthy", "1 while the venue is Healthy.", "venue"),
            MetricSpec.Gauge("actorbot_venue_market_stream_up", "1 while the market stream is connected.", "venue"),
        }.Concat(StreamCounters.Select(c => MetricSpec.Counter(c.Name, c.Help, "venue")));

    public static async Task SampleAsync(SampleSet samples, ActorRegistry registry, string venue, CancellationToken ct)
    {
        if (!registry.TryGet<VenuesActor>(out var venues))
        {
            return;
        }

        // An actor that does not answer is reported below as not up.
        var health = await ProbeAsk.TryAsync<VenueHealth>(venues, new AskVenue(venue, GetVenueHealth.Instance), ct).ConfigureAwait(false);
        var market = await ProbeAsk.TryAsync<MarketStreamStatus>(venues, new AskVenue(venue, GetMarketStreamStatus.Instance), ct).ConfigureAwait(false);
        var label = ("venue", venue);
        samples.Add("actorbot_venue_healthy", health?.Status == VenueStatus.Healthy ? 1 : 0, label);
        samples.Add("actorbot_venue_market_stream_up", market?.Up == true ? 1 : 0, label);
        if (market is null)
        {
            return;
        }

        foreach (var (name, _, value) in StreamCounters)
        {
            samples.Add(name, value(market), label);
        }
    }
}
