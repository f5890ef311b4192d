using System.Text.Json.Nodes;
using ActorBot.Domain.Liquidations.Api;
using ActorBot.Engine.Liquidations;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// <c>/liq_heatmap_v2_history</c> and <c>/liq_heatmap_history</c> (SPEC §11.3): the per-minute records /liquidations
/// holds (and reloaded from <c>liq_heatmap_v2_{BASE}.bin</c>) on one unified grid. The old V1 history always answered 503
/// (SPEC §13 #13); here it serves the same minute records (<c>"source":"v2_records"</c>): the V1 map is derived from
/// V2 per minute, so those records are its history.
/// </summary>
internal static class HistoryRoutes
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder app, MoonstreamBackend backend)
    {
        MoonstreamApi.Get(app, backend, ["/liq_heatmap_v2_history", "/v2/liq_heatmap_history"], c => History(c, "liq_heatmap_v2_history", v1: false));
        MoonstreamApi.Get(app, backend, ["/liq_heatmap_history", "/v1/liq_heatmap_history"], c => History(c, "liq_heatmap_history", v1: true));
    }

    private static async Task<ApiResponse> History(RouteCall call, string route, bool v1)
    {
        var minutes = (int)MoonstreamApi.Clamp(call.Query.Int("minutes"), 720, 5, 720);
        var stride = (int)MoonstreamApi.Clamp(call.Query.Int("stride"), 1, 1, 30);
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key(route, ("symbol", sym), ("minutes", minutes), ("stride", stride)), Ttl, async () =>
        {
            var full = call.Backend.Symbols.Full(sym);
            var history = await call.Backend.Ask<LiquidationHistory>(new GetLiquidationHistory(full), call.Ct).ConfigureAwait(false);
            if (history.Value is not { } h)
            {
                return call.Backend.Error(503, $"{(v1 ? "V1" : "V2")} history not available for {sym}");
            }

            var current = await call.Backend.Ask<LiquidationSnapshot>(new GetLiquidationSnapshot(full), call.Ct).ConfigureAwait(false);
            (double, double)? now = current.Value?.Snapshot is { } s ? (s.Src, s.Step) : null;
            var step = call.Backend.BucketSteps.TryGetValue(sym, out var configured) ? (double)configured : 20.0;
            var body = LiqHistoryGrid.Build(h.Frames, minutes, stride, now, step, sym);
            var json = call.Backend.Json;
            var result = new JsonObject
            {
                ["t"] = new JsonArray([.. body.T.Select(t => (JsonNode)t)]),
                ["prices"] = new JsonArray([.. body.Prices.Select(json.Num)]),
                ["long"] = new JsonArray([.. body.Long.Select(b => (JsonNode)(int)b)]),
                ["short"] = new JsonArray([.. body.Short.Select(b => (JsonNode)(int)b)]),
                ["step"] = json.Num(body.Step),
                ["scale"] = 255,
                ["_mode"] = "embedded",
            };
            if (v1)
            {
                result["source"] = "v2_records";
            }

            return call.Backend.Ok(result);
        }).ConfigureAwait(false);
    }
}
