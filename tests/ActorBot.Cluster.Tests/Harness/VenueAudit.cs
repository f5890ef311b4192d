using System.Text.Json;
using ActorBot.Domain.Execution;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>One new-order request the simulator received (<c>GET /admin/orders</c>).</summary>
internal sealed record AuditRow(long ReceivedMs, int RemotePort, string Route, string Symbol, string ClientId, string Side, string Type, bool ReduceOnly, int HttpStatus, int Code)
{
    public bool Accepted => HttpStatus == 200;

    public static IReadOnlyList<AuditRow> ParseAll(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(r => new AuditRow(
            r.GetProperty("receivedMs").GetInt64(),
            r.GetProperty("remotePort").GetInt32(),
            r.GetProperty("route").GetString()!,
            r.GetProperty("symbol").GetString()!,
            r.GetProperty("clientId").GetString()!,
            r.GetProperty("side").GetString()!,
            r.GetProperty("type").GetString()!,
            r.GetProperty("reduceOnly").GetBoolean(),
            r.GetProperty("httpStatus").GetInt32(),
            r.GetProperty("code").GetInt32())).ToList();
    }
}

/// <summary>
/// What the issue counts on the venue, from the venue's own records (never from what a node says it did):
/// duplicate orders and unprotected positions.
/// </summary>
internal static class VenueAudit
{
    /// <summary>
    /// Entries the venue ACCEPTED more than once for one (symbol, signal): the deterministic client order id
    /// (<see cref="ClientOrderId"/>) carries the symbol and the signal time, so two owners (or a re-send under a new
    /// attempt number) trading one signal show up as two accepted entry ids with the same symbol and time. A re-send
    /// under the same id is refused by the venue (−4116) and is no duplicate order; <see cref="BlockedResends"/> counts those.
    /// </summary>
    public static IReadOnlyList<string> DuplicateEntries(IEnumerable<AuditRow> rows) =>
        rows.Where(r => r.Route == "order" && r.Accepted)
            .Select(r => (Row: r, Ok: ClientOrderId.TryParse(r.ClientId, out var id), Id: id))
            .Where(x => x.Ok && x.Id.Leg == OrderLeg.Entry)
            .GroupBy(x => (x.Row.Symbol, x.Id.SignalTimeMs))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Symbol} signal {g.Key.SignalTimeMs}: {string.Join(", ", g.Select(x => $"{x.Row.ClientId} (port {x.Row.RemotePort}, at {x.Row.ReceivedMs})"))}")
            .ToList();

    /// <summary>Sends the venue refused as a duplicate open client id (−4116): de-duplication working, not a duplicate order.</summary>
    public static int BlockedResends(IEnumerable<AuditRow> rows) => rows.Count(r => r.Code == -4116);

    /// <summary>
    /// Symbols with a non-zero position and not both an open stop-loss (STOP_MARKET) and an open take-profit
    /// (TAKE_PROFIT_MARKET) algo order: a position the venue would not close on its own.
    /// </summary>
    public static IReadOnlyList<string> Unprotected(IEnumerable<(string Symbol, decimal Amount)> positions, IEnumerable<(string Symbol, string OrderType)> openAlgoOrders)
    {
        var algos = openAlgoOrders.ToList();
        return positions.Where(p => p.Amount != 0)
            .Where(p => !algos.Any(a => a.Symbol == p.Symbol && a.OrderType == "STOP_MARKET")
                || !algos.Any(a => a.Symbol == p.Symbol && a.OrderType == "TAKE_PROFIT_MARKET"))
            .Select(p => $"{p.Symbol} {p.Amount} (SL {algos.Count(a => a.Symbol == p.Symbol && a.OrderType == "STOP_MARKET")}, TP {algos.Count(a => a.Symbol == p.Symbol && a.OrderType == "TAKE_PROFIT_MARKET")})")
            .ToList();
    }

    /// <summary>What reached the venue, by leg and answer, e.g. <c>entry ok 2, stop-loss ok 2, flatten ok 1, entry -4116 1</c>.</summary>
    public static string Summary(IEnumerable<AuditRow> rows) =>
        string.Join(", ", rows
            .Select(r => (Leg: ClientOrderId.TryParse(r.ClientId, out var id) ? id.Leg.ToString() : "other", Answer: r.Accepted ? "ok" : r.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(x => x)
            .OrderBy(g => g.Key.Leg, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Leg} {g.Key.Answer} {g.Count()}"));

    /// <summary>Orders received from one of <paramref name="ports"/> (a process's sockets) at or after <paramref name="sinceMs"/>.</summary>
    public static IReadOnlyList<AuditRow> SentBy(IEnumerable<AuditRow> rows, IReadOnlySet<int> ports, long sinceMs) =>
        rows.Where(r => r.ReceivedMs >= sinceMs && ports.Contains(r.RemotePort)).ToList();
}
