using System.Globalization;

namespace ActorBot.Venues.Simulator.Engine;

/// <summary>Binance-shaped JSON of algo orders: the REST body and the <c>ALGO_UPDATE</c> event.</summary>
internal static class AlgoJson
{
    /// <summary>New / query / open algo orders body.</summary>
    public static string Order(SimAlgoOrder a) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("algoId", a.AlgoId);
        w.WriteString("clientAlgoId", a.ClientAlgoId);
        w.WriteString("algoType", "CONDITIONAL");
        w.WriteString("orderType", a.OrderType);
        w.WriteString("symbol", a.Symbol);
        w.WriteString("side", a.Side);
        w.WriteString("positionSide", "BOTH");
        w.WriteString("timeInForce", a.TimeInForce);
        w.WriteDecimal("quantity", a.Quantity);
        w.WriteString("algoStatus", a.Status);
        w.WriteDecimal("triggerPrice", a.TriggerPrice);
        w.WriteDecimal("price", 0m);
        w.WriteString("workingType", a.WorkingType);
        w.WriteBoolean("closePosition", a.ClosePosition);
        w.WriteBoolean("priceProtect", a.PriceProtect);
        w.WriteBoolean("reduceOnly", a.ReduceOnly);
        w.WriteNumber("createTime", a.CreateTimeMs);
        w.WriteNumber("updateTime", a.UpdateTimeMs);
        w.WriteNumber("triggerTime", a.TriggerTimeMs);
        w.WriteString("actualOrderId", a.Actual?.OrderId.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        w.WriteDecimal("actualPrice", a.Actual?.AveragePrice ?? 0m);
        w.WriteEndObject();
    });

    public static string Cancelled(SimAlgoOrder a) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("algoId", a.AlgoId);
        w.WriteString("clientAlgoId", a.ClientAlgoId);
        w.WriteString("code", "200");
        w.WriteString("msg", "success");
        w.WriteEndObject();
    });

    /// <summary><c>ALGO_UPDATE</c>: <c>ai</c>/<c>ap</c>/<c>aq</c> describe the order placed on trigger (empty before).</summary>
    public static string Update(SimAlgoOrder a, long nowMs) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "ALGO_UPDATE");
        w.WriteNumber("T", nowMs);
        w.WriteNumber("E", nowMs);
        w.WriteStartObject("o");
        w.WriteString("caid", a.ClientAlgoId);
        w.WriteNumber("aid", a.AlgoId);
        w.WriteString("at", "CONDITIONAL");
        w.WriteString("o", a.OrderType);
        w.WriteString("s", a.Symbol);
        w.WriteString("S", a.Side);
        w.WriteString("ps", "BOTH");
        w.WriteString("f", a.TimeInForce);
        w.WriteDecimal("q", a.Quantity);
        w.WriteString("X", a.Status);
        w.WriteString("ai", a.Actual?.OrderId.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        w.WriteDecimal("ap", a.Actual?.AveragePrice ?? 0m);
        w.WriteDecimal("aq", a.Actual?.ExecutedQuantity ?? 0m);
        w.WriteString("act", a.Actual is null ? "0" : "MARKET");
        w.WriteDecimal("tp", a.TriggerPrice);
        w.WriteDecimal("p", 0m);
        w.WriteString("wt", a.WorkingType);
        w.WriteBoolean("cp", a.ClosePosition);
        w.WriteBoolean("pP", a.PriceProtect);
        w.WriteBoolean("R", a.ReduceOnly);
        w.WriteNumber("tt", a.TriggerTimeMs);
        if (a.RejectReason is not null)
        {
            w.WriteString("rm", a.RejectReason);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}
