namespace ActorBot.Domain.Telemetry;

/// <summary>The JSON types a telemetry field may have.</summary>
public enum TelemetryJsonType
{
    String,
    Integer,
    Number,
    Boolean,
    StringArray,
}

/// <summary>
/// One field of a telemetry record: its JSON type, whether <c>null</c> is allowed, and whether it may be absent
/// (<paramref name="Optional"/>: added after files were written without it; when present it must have its type).
/// </summary>
public sealed record TelemetryField(string Name, TelemetryJsonType Type, bool Nullable = false, bool Optional = false)
{
    public string Describe() => (Type switch
    {
        TelemetryJsonType.String => "a string",
        TelemetryJsonType.Integer => "an integer",
        TelemetryJsonType.Number => "a number",
        TelemetryJsonType.Boolean => "a boolean",
        _ => "an array of strings",
    }) + (Nullable ? " or null" : string.Empty);
}

/// <summary>
/// The <c>telemetry.jsonl</c> schema (version 1; <c>docs/telemetry.md</c>): one JSON object per line, every line has
/// <see cref="Common"/>, and the fields of its <c>type</c>. Every listed field is required (present, <c>null</c> only
/// where allowed) unless marked optional (then checked only when present); fields not listed are ignored, so adding an optional field never breaks a checker (additive
/// changes keep the version; anything else bumps it).
/// </summary>
public static class TelemetrySchema
{
    public const int Version = 1;

    public static IReadOnlyList<TelemetryField> Common { get; } =
    [
        new("schema_version", TelemetryJsonType.Integer),
        new("ts", TelemetryJsonType.Integer),
        new("seq", TelemetryJsonType.Integer),
        new("type", TelemetryJsonType.String),
    ];

    public static IReadOnlyDictionary<string, IReadOnlyList<TelemetryField>> Types { get; } = new Dictionary<string, IReadOnlyList<TelemetryField>>(StringComparer.Ordinal)
    {
        ["decision"] =
        [
            new("symbol", TelemetryJsonType.String),
            new("event_id", TelemetryJsonType.String),
            new("event_ts", TelemetryJsonType.Integer),
            new("side", TelemetryJsonType.Integer),
            new("active_model", TelemetryJsonType.String),
            new("p_active", TelemetryJsonType.Number),
            new("min_prob", TelemetryJsonType.Number),
            new("take", TelemetryJsonType.Boolean),
            new("shadow_model", TelemetryJsonType.String, Nullable: true),
            new("p_shadow", TelemetryJsonType.Number, Nullable: true),
            new("action", TelemetryJsonType.String),
            new("reason", TelemetryJsonType.String, Nullable: true),
        ],
        ["order"] =
        [
            new("venue", TelemetryJsonType.String),
            new("route", TelemetryJsonType.String, Optional: true),
            new("symbol", TelemetryJsonType.String, Nullable: true),
            new("event_id", TelemetryJsonType.String, Nullable: true),
            new("kind", TelemetryJsonType.String),
            new("status", TelemetryJsonType.String),
            new("client_order_id", TelemetryJsonType.String),
            new("side", TelemetryJsonType.String, Nullable: true),
            new("quantity", TelemetryJsonType.Number, Nullable: true),
            new("price", TelemetryJsonType.Number, Nullable: true),
            new("venue_order_id", TelemetryJsonType.Integer, Nullable: true),
            new("detail", TelemetryJsonType.String, Nullable: true),
        ],
        ["fill"] =
        [
            new("venue", TelemetryJsonType.String),
            new("route", TelemetryJsonType.String, Optional: true),
            new("symbol", TelemetryJsonType.String, Nullable: true),
            new("event_id", TelemetryJsonType.String, Nullable: true),
            new("client_order_id", TelemetryJsonType.String),
            new("trade_id", TelemetryJsonType.Integer),
            new("quantity", TelemetryJsonType.Number),
            new("price", TelemetryJsonType.Number),
            new("fee", TelemetryJsonType.Number),
            new("leg", TelemetryJsonType.String, Nullable: true),
        ],
        ["trade_closed"] =
        [
            new("symbol", TelemetryJsonType.String),
            new("event_id", TelemetryJsonType.String),
            new("routed", TelemetryJsonType.Boolean),
            new("side", TelemetryJsonType.Integer),
            new("entry_price", TelemetryJsonType.Number, Nullable: true),
            new("exit_price", TelemetryJsonType.Number, Nullable: true),
            new("quantity", TelemetryJsonType.Number, Nullable: true),
            new("r", TelemetryJsonType.Number, Nullable: true),
            new("pnl_usd", TelemetryJsonType.Number, Nullable: true),
            new("exit_reason", TelemetryJsonType.String),
        ],
        ["position_closed"] =
        [
            new("venue", TelemetryJsonType.String),
            new("route", TelemetryJsonType.String, Optional: true),
            new("symbol", TelemetryJsonType.String, Nullable: true),
            new("event_id", TelemetryJsonType.String),
            new("reason", TelemetryJsonType.String),
            new("exit_price", TelemetryJsonType.Number),
            new("quantity", TelemetryJsonType.Number),
            new("realized_pnl_usd", TelemetryJsonType.Number),
        ],
        ["safe_pause"] =
        [
            new("paused", TelemetryJsonType.Boolean),
            new("reasons", TelemetryJsonType.StringArray),
        ],
        ["venue_health"] =
        [
            new("venue", TelemetryJsonType.String),
            new("disabled", TelemetryJsonType.Boolean),
            new("detail", TelemetryJsonType.String),
        ],
        ["kill_switch"] =
        [
            new("engaged", TelemetryJsonType.Boolean),
            new("source", TelemetryJsonType.String),
        ],
        ["reconcile_drift"] =
        [
            new("venue", TelemetryJsonType.String),
            new("kind", TelemetryJsonType.String),
            new("symbol", TelemetryJsonType.String, Nullable: true),
            new("internal", TelemetryJsonType.Number, Nullable: true),
            new("venue_value", TelemetryJsonType.Number, Nullable: true),
            new("tolerance", TelemetryJsonType.Number, Nullable: true),
            new("severity", TelemetryJsonType.String),
        ],
    };
}
