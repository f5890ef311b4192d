using System.Text.Json.Nodes;
using ActorBot.Engine.Liquidations;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// The moonstream health (SPEC §11.3) at <c>/v1/health</c> only: the probe's <c>/health</c> keeps its meaning (the bot
/// answers). Always 200 with <c>"ok": true</c>; never cached. Adds <c>non_finite_replaced</c> (doubles written as 0.0
/// instead of the old 500), the cache's size and the error answers by status.
/// </summary>
internal static class HealthRoutes
{
    public static void Map(IEndpointRouteBuilder app, MoonstreamBackend backend) =>
        MoonstreamApi.Get(app, backend, ["/v1/health"], Health);

    private static async Task<ApiResponse> Health(RouteCall call)
    {
        var b = call.Backend;
        var obBuffers = new JsonObject();
        var symbols = new JsonObject();
        foreach (var sym in b.Symbols.Bases.Order(StringComparer.Ordinal))
        {
            var full = b.Symbols.Full(sym);
            var snapshot = b.Ask<LiquidationSnapshot>(new GetLiquidationSnapshot(full), call.Ct);
            var history = b.Ask<LiquidationHistory>(new GetLiquidationHistory(full), call.Ct);
            var book = b.Ask<BookStats>(new GetBookStats(full), call.Ct);
            await Task.WhenAll(snapshot, history, book).ConfigureAwait(false);
            var v2 = (await snapshot.ConfigureAwait(false)).Value?.Snapshot;
            var stats = (await book.ConfigureAwait(false)).Value;
            obBuffers[sym] = stats is not null;
            symbols[sym] = new JsonObject
            {
                // V1 is derived from V2 on request: available exactly when V2 is.
                ["v1_available"] = v2 is not null,
                ["v1_ts"] = b.Json.Num(v2?.Ts ?? 0),
                ["v2_available"] = v2 is not null,
                ["v2_ts"] = b.Json.Num(v2?.Ts ?? 0),
                ["v2_history_frames"] = (await history.ConfigureAwait(false)).Value?.Frames.Count ?? 0,
                ["ob_frames"] = stats?.FramesHeld ?? 0,
            };
        }

        return b.Ok(new JsonObject
        {
            ["ok"] = true,
            ["version"] = MoonstreamBackend.Version,
            ["mode"] = "embedded",
            ["uptime_s"] = b.Json.Num(Math.Round((b.Clock.GetUtcNow() - b.Started).TotalSeconds, 1)),
            ["ob_buffers"] = obBuffers,
            ["symbols"] = symbols,
            ["non_finite_replaced"] = b.Json.NonFiniteReplaced,
            ["cache_entries"] = b.Cache.Count,
            ["errors_by_status"] = new JsonObject([.. b.ErrorsByStatus.Select(kv => KeyValuePair.Create(kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)kv.Value))]),
        });
    }
}
