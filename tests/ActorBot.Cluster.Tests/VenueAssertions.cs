using ActorBot.Cluster.Tests.Harness;
using ActorBot.Domain.Execution;
using Xunit.Abstractions;

namespace ActorBot.Cluster.Tests;

/// <summary>The venue checks the process tests share (assertions, so not in the harness the benchmark links).</summary>
internal static class VenueAssertions
{
    /// <summary>Whether the venue accepted an entry within <paramref name="wait"/> (from its audit, which costs no request weight).</summary>
    public static async Task<bool> WaitForEntryAsync(ClusterRig rig, TimeSpan wait)
    {
        try
        {
            await Waits.Until(
                () => rig.Venue.OrdersAsync(),
                orders => orders.Any(o => o.Route == "order" && o.Accepted && ClientOrderId.TryParse(o.ClientId, out var id) && id.Leg == OrderLeg.Entry),
                "an entry accepted by the venue",
                wait,
                orders => $"{orders.Count} order requests",
                TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException)
        {
            return false;
        }

        return true;
    }

    // The venue's own records: no entry accepted twice for one signal, and (once brackets have had time to land)
    // no position without both an SL and a TP on the exchange.
    public static async Task AssertCleanAsync(ClusterRig rig, ITestOutputHelper log, string when)
    {
        var orders = await rig.Venue.OrdersAsync();
        var duplicates = VenueAudit.DuplicateEntries(orders);
        log.WriteLine($"venue {when}: {orders.Count} order requests ({orders.Count(o => o.Route == "order" && o.Accepted)} orders, {orders.Count(o => o.Route == "algo" && o.Accepted)} algo orders accepted), {VenueAudit.BlockedResends(orders)} re-sends refused as duplicate ids, {duplicates.Count} duplicate entries; by leg: {VenueAudit.Summary(orders)}");
        duplicates.Should().BeEmpty($"no signal may be entered twice ({when})");

        var unprotected = await Waits.Until(
            () => rig.Venue.UnprotectedAsync(),
            u => u.Count == 0,
            $"every open position protected by an SL and a TP on the venue ({when})",
            TimeSpan.FromSeconds(15),
            u => string.Join(", ", u),
            TimeSpan.FromSeconds(1));
        unprotected.Should().BeEmpty();
    }
}
