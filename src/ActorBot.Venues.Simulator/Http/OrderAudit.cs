using System.Collections.Concurrent;
using System.Text.Json;
using ActorBot.Venues.Simulator.Engine;

namespace ActorBot.Venues.Simulator.Http;

/// <summary>
/// Every new-order request that reached the engine (<c>POST /fapi/v1/order</c> and <c>/fapi/v1/algoOrder</c>), in
/// arrival order, with the wall-clock time it arrived, the client's TCP port and the venue's answer. Served at
/// <c>GET /admin/orders</c>: process-level tests (several service processes, one venue) audit what reached the venue —
/// duplicate entries, and which process sent what when (the port maps to the sending process).
/// </summary>
public sealed class OrderAudit
{
    private readonly ConcurrentQueue<AuditedOrder> _orders = new();

    public IReadOnlyList<AuditedOrder> Orders => _orders.ToArray();

    public void Record(AuditedOrder order) => _orders.Enqueue(order);

    /// <summary>The <c>code</c> of a Binance error body, 0 for a success.</summary>
    public static int CodeOf(EngineResult result)
    {
        if (result.HttpStatus == 200)
        {
            return 0;
        }

        try
        {
            using var doc = JsonDocument.Parse(result.Json);
            return doc.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var c) ? c : -1;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    public string ToJson() => JsonText.Write(w =>
    {
        w.WriteStartArray();
        foreach (var o in _orders)
        {
            w.WriteStartObject();
            w.WriteNumber("receivedMs", o.ReceivedMs);
            w.WriteNumber("remotePort", o.RemotePort);
            w.WriteString("route", o.Route);
            w.WriteString("symbol", o.Symbol);
            w.WriteString("clientId", o.ClientId);
            w.WriteString("side", o.Side);
            w.WriteString("type", o.Type);
            w.WriteBoolean("reduceOnly", o.ReduceOnly);
            w.WriteBoolean("closePosition", o.ClosePosition);
            w.WriteNumber("httpStatus", o.HttpStatus);
            w.WriteNumber("code", o.Code);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}

/// <summary>One audited new-order request. <see cref="Route"/>: <c>order</c> or <c>algo</c>; <see cref="ClientId"/>: newClientOrderId or clientAlgoId.</summary>
public sealed record AuditedOrder(
    long ReceivedMs,
    int RemotePort,
    string Route,
    string Symbol,
    string ClientId,
    string Side,
    string Type,
    bool ReduceOnly,
    bool ClosePosition,
    int HttpStatus,
    int Code);
