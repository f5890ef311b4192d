using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorBot.Domain.Telemetry;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Hud;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;

namespace ActorBot.Engine.Telemetry;

/// <summary>
/// Turns the events <c>/user/telemetry</c> subscribes to into <c>telemetry.jsonl</c> lines (schema:
/// <see cref="TelemetrySchema"/>, <c>docs/telemetry.md</c>). None of these events carries a credential, and no field
/// here is taken from configuration or the environment: telemetry cannot leak a secret. Non-finite numbers are
/// written as null (JSON has no NaN), so a non-nullable field that gets one fails the checker instead of the writer.
/// </summary>
public static class TelemetryLines
{
    // Plain text for "+", "<" and non-ASCII: the file is read with grep and jq, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The event types the telemetry actor subscribes to.</summary>
    public static IReadOnlyList<Type> Subscribed { get; } =
    [
        typeof(SignalRecord), typeof(TradeRecord), typeof(RoutedTradeRecord), typeof(OrderJournaled),
        typeof(SafePauseChanged), typeof(VenueHealthChanged), typeof(KillSwitchChanged), typeof(ReconcileDriftDetected),
        typeof(PaperOrderRecorded), typeof(PaperFillRecorded), typeof(PaperPositionClosed),
    ];

    /// <summary>The <c>route</c> of an order, fill or position_closed line: the venue's execution, or paper's in-process one.</summary>
    public const string VenueRoute = "venue";

    /// <inheritdoc cref="VenueRoute"/>
    public const string PaperRoute = "paper";

    /// <summary>One line (no newline) for <paramref name="message"/>, or null when it is not a telemetry event.</summary>
    public static string? Format(object message, long ts, long seq)
    {
        var type = TypeOf(message);
        if (type is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", TelemetrySchema.Version);
            w.WriteNumber("ts", ts);
            w.WriteNumber("seq", seq);
            w.WriteString("type", type);
            WriteBody(w, message);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? TypeOf(object message) => message switch
    {
        SignalRecord => "decision",
        TradeRecord or RoutedTradeRecord => "trade_closed",
        OrderJournaled { Event: FillRecorded } => "fill",
        OrderJournaled { Event: TradeClosed } => "position_closed",
        OrderJournaled { Event: EntrySent or OrderAnswered or BracketSent or BracketAnswered or FlattenSent } => "order",
        PaperOrderRecorded => "order",
        PaperFillRecorded => "fill",
        PaperPositionClosed => "position_closed",
        SafePauseChanged => "safe_pause",
        VenueHealthChanged => "venue_health",
        KillSwitchChanged => "kill_switch",
        ReconcileDriftDetected => "reconcile_drift",
        _ => null,
    };

    private static void WriteBody(Utf8JsonWriter w, object message)
    {
        switch (message)
        {
            case SignalRecord m:
                w.WriteString("symbol", m.Symbol);
                w.WriteString("event_id", m.EventId);
                w.WriteNumber("event_ts", m.Signal.Event.DecisionTimeMs);
                w.WriteNumber("side", m.Signal.Event.Side);
                w.WriteString("active_model", m.Decision.ActiveModelId);
                Number(w, "p_active", m.Decision.PActive);
                Number(w, "min_prob", m.Decision.MinProb);
                w.WriteBoolean("take", m.Decision.Take);
                w.WriteString("shadow_model", m.Decision.ShadowModelId);
                Number(w, "p_shadow", m.Decision.PShadow);
                w.WriteString("action", StrategyRecorder.ActionName(m.Action));
                w.WriteString("reason", m.Reason);
                break;
            case TradeRecord m:
                w.WriteString("symbol", m.Symbol);
                w.WriteString("event_id", m.Trade.EventId);
                w.WriteBoolean("routed", false);
                w.WriteNumber("side", m.Trade.Side);
                Number(w, "entry_price", m.Fill.EntryFill);
                Number(w, "exit_price", m.Fill.ExitFill);
                Number(w, "quantity", m.Fill.Quantity);
                Number(w, "r", m.Trade.Outcome.RFinal);
                Number(w, "pnl_usd", m.Fill.NetPnl);
                w.WriteString("exit_reason", m.EndOfData ? "end_of_data" : ReplayOutputs.ReasonName(m.Trade.Outcome.Reason));
                break;
            case RoutedTradeRecord m:
                w.WriteString("symbol", m.Symbol);
                w.WriteString("event_id", m.EventId);
                w.WriteBoolean("routed", true);
                w.WriteNumber("side", m.Side);
                Number(w, "entry_price", m.EntryFill);
                Number(w, "exit_price", m.ExitFill);
                w.WriteNumber("quantity", m.Quantity);
                Number(w, "r", m.R);
                w.WriteNumber("pnl_usd", m.RealizedPnl);
                w.WriteString("exit_reason", m.Reason);
                break;
            case OrderJournaled m:
                WriteOrder(w, m);
                break;
            case PaperOrderRecorded m:
                Route(w, m.Venue, m.Symbol, m.EventId, PaperRoute);
                Order(w, m.Kind, m.Status, m.ClientOrderId, m.Side, m.Quantity, m.Price, null, m.Detail);
                break;
            case PaperFillRecorded m:
                Route(w, m.Venue, m.Symbol, m.EventId, PaperRoute);
                Fill(w, m.ClientOrderId, m.TradeId, m.Quantity, m.Price, m.Fee, m.Leg);
                break;
            case PaperPositionClosed m:
                Route(w, m.Venue, m.Symbol, m.EventId, PaperRoute);
                Closed(w, m.Reason, m.ExitPrice, m.Quantity, m.RealizedPnl);
                break;
            case SafePauseChanged m:
                w.WriteBoolean("paused", m.Paused);
                w.WriteStartArray("reasons");
                foreach (var reason in m.Reasons)
                {
                    w.WriteStringValue(reason);
                }

                w.WriteEndArray();
                break;
            case VenueHealthChanged m:
                w.WriteString("venue", m.Venue);
                w.WriteBoolean("disabled", m.Disabled);
                w.WriteString("detail", m.Detail);
                break;
            case KillSwitchChanged m:
                w.WriteBoolean("engaged", m.Engaged);
                w.WriteString("source", m.Source);
                break;
            case ReconcileDriftDetected m:
                w.WriteString("venue", m.Venue);
                w.WriteString("kind", m.Kind);
                w.WriteString("symbol", m.Symbol);
                Number(w, "internal", m.Internal);
                Number(w, "venue_value", m.VenueValue);
                Number(w, "tolerance", m.Tolerance);
                w.WriteString("severity", m.Severity);
                break;
        }
    }

    private static void WriteOrder(Utf8JsonWriter w, OrderJournaled m)
    {
        Route(w, m.Venue, m.Symbol, m.EventId, VenueRoute);
        switch (m.Event)
        {
            case FillRecorded f:
                Fill(w, f.ClientOrderId, f.TradeId, f.Quantity, f.Price, f.Fee, m.Leg);
                return;
            case TradeClosed c:
                Closed(w, c.Reason, c.ExitPrice, c.Quantity, c.RealizedPnl);
                return;
            case EntrySent s:
                Order(w, "entry", "sent", s.ClientOrderId, s.Side > 0 ? "BUY" : "SELL", s.Quantity, null, null, string.Create(CultureInfo.InvariantCulture, $"SL {s.StopPrice} TP {s.TakeProfitPrice}"));
                return;
            case OrderAnswered a:
                Order(w, m.Leg ?? "unknown", Status(a.Outcome), a.ClientOrderId, null, null, null, a.VenueOrderId, a.Detail);
                return;
            case BracketSent b:
                Order(w, b.Leg, "sent", b.ClientAlgoId, null, b.Quantity, b.TriggerPrice, null, null);
                return;
            case BracketAnswered b:
                Order(w, m.Leg ?? "bracket", Status(b.Status), b.ClientAlgoId, null, null, null, null, b.Detail);
                return;
            case FlattenSent f:
                Order(w, "flatten", "sent", f.ClientOrderId, f.Side, f.Quantity, null, null, f.Reason);
                return;
        }
    }

    /// <summary>The fields every order, fill and position_closed line starts with; <c>route</c> says whose execution.</summary>
    private static void Route(Utf8JsonWriter w, string venue, string? symbol, string? eventId, string route)
    {
        w.WriteString("venue", venue);
        w.WriteString("route", route);
        w.WriteString("symbol", symbol);
        w.WriteString("event_id", eventId);
    }

    private static void Fill(Utf8JsonWriter w, string clientId, long tradeId, decimal quantity, decimal price, decimal fee, string? leg)
    {
        w.WriteString("client_order_id", clientId);
        w.WriteNumber("trade_id", tradeId);
        w.WriteNumber("quantity", quantity);
        w.WriteNumber("price", price);
        w.WriteNumber("fee", fee);
        w.WriteString("leg", leg);
    }

    private static void Closed(Utf8JsonWriter w, string reason, decimal exitPrice, decimal quantity, decimal realizedPnl)
    {
        w.WriteString("reason", reason);
        w.WriteNumber("exit_price", exitPrice);
        w.WriteNumber("quantity", quantity);
        w.WriteNumber("realized_pnl_usd", realizedPnl);
    }

    private static void Order(Utf8JsonWriter w, string kind, string status, string clientId, string? side, decimal? quantity, decimal? price, long? venueOrderId, string? detail)
    {
        w.WriteString("kind", kind);
        w.WriteString("status", status);
        w.WriteString("client_order_id", clientId);
        w.WriteString("side", side);
        Number(w, "quantity", quantity);
        Number(w, "price", price);
        if (venueOrderId is { } id)
        {
            w.WriteNumber("venue_order_id", id);
        }
        else
        {
            w.WriteNull("venue_order_id");
        }

        w.WriteString("detail", detail);
    }

    /// <summary>One vocabulary for regular and algo orders: <c>IN_DOUBT</c> and <c>in-doubt</c> are both <c>in-doubt</c>.</summary>
    private static string Status(string status) => status.ToLowerInvariant().Replace('_', '-');

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
