using System.Text.Json.Nodes;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Api;
using ActorBot.Domain.Liquidations.Heatmap;
using ActorBot.Domain.Liquidations.Zones;
using ActorBot.Engine.Liquidations;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// <c>/oi</c>, <c>/liq_heatmap</c> (V1, derived from V2 as SPEC §10.3), <c>/liq_heatmap_v2</c>, <c>/liq_stats</c> and
/// <c>/liq_events</c> (SPEC §11.2–11.3), asked of the symbol's live /liquidations.
/// </summary>
internal static class LiquidationRoutes
{
    /// <summary>A snapshot whose input is older than this carries <c>_warning</c>.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder app, MoonstreamBackend backend)
    {
        MoonstreamApi.Get(app, backend, ["/oi"], OpenInterest);
        MoonstreamApi.Get(app, backend, ["/liq_heatmap", "/v1/liq_heatmap"], HeatmapV1);
        MoonstreamApi.Get(app, backend, ["/liq_heatmap_v2", "/v2/liq_heatmap"], HeatmapV2);
        MoonstreamApi.Get(app, backend, ["/liq_stats", "/v2/liq_stats"], Stats);
        MoonstreamApi.Get(app, backend, ["/liq_events", "/v2/liq_events"], Events);
    }

    /// <summary>The V2 snapshot, or the 503 the old server gave while warming up.</summary>
    internal static async Task<(LiquidationSnapshot? Snapshot, ApiResponse? Error)> Snapshot(RouteCall call, string sym)
    {
        var answer = await call.Backend.Ask<LiquidationSnapshot>(new GetLiquidationSnapshot(call.Backend.Symbols.Full(sym)), call.Ct).ConfigureAwait(false);
        return answer.Value is { Snapshot: not null } s
            ? (s, null)
            : (null, call.Backend.Error(503, $"Data for {sym} is warming up, try again shortly"));
    }

    /// <summary>Adds <c>_warning</c> when the engine's last input is more than 120 s old.</summary>
    internal static void Warn(RouteCall call, JsonObject body, LiquidationSnapshot s)
    {
        var inputMs = s.LastInputMs ?? (long)(s.Snapshot!.Ts * 1000);
        var age = (call.Backend.NowMs - inputMs) / 1000.0;
        if (age > StaleAfter.TotalSeconds)
        {
            body["_warning"] = $"Data is {(long)age}s old, viewer may be stopped";
        }
    }

    private static async Task<ApiResponse> OpenInterest(RouteCall call)
    {
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key("oi", ("symbol", sym)), Live, async () =>
        {
            var answer = await call.Backend.Ask<OpenInterestState>(new GetOpenInterest(call.Backend.Symbols.Full(sym)), call.Ct).ConfigureAwait(false);
            if (answer.Value is not { } oi)
            {
                return call.Backend.Error(503, "OI poller not available");
            }

            if (oi.PerVenue.Count == 0 || oi.Total is not { } total)
            {
                return call.Backend.Error(503, $"No OI data available for {sym}. Poller may still be initializing.");
            }

            var perExchange = new JsonObject();
            foreach (var (venue, value) in oi.PerVenue.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                perExchange[venue] = call.Backend.Json.Num(value);
            }

            return call.Backend.Ok(new JsonObject
            {
                ["symbol"] = sym,
                ["aggregated_oi"] = call.Backend.Json.Num(total),
                ["per_exchange"] = perExchange,
                ["ts"] = call.Backend.Json.Num((oi.LastSampleMs ?? call.Backend.NowMs) / 1000.0),
            });
        }).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> HeatmapV1(RouteCall call)
    {
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key("liq_heatmap", ("symbol", sym)), Live, async () =>
        {
            var (s, warming) = await Snapshot(call, sym).ConfigureAwait(false);
            if (s is null)
            {
                return warming!;
            }

            var v1 = HeatmapV1Builder.Build(s.Snapshot!, HeatmapV2Options.ForBase(sym));
            var body = call.Backend.Json.Object(v1);
            Warn(call, body, s);
            return call.Backend.Ok(body);
        }).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> HeatmapV2(RouteCall call)
    {
        var minNotional = call.Query.Float("min_notional") ?? 0;
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key("liq_heatmap_v2", ("symbol", sym), ("min_notional", minNotional)), Live, async () =>
        {
            var (s, warming) = await Snapshot(call, sym).ConfigureAwait(false);
            if (s is null)
            {
                return warming!;
            }

            var snapshot = s.Snapshot!;
            var body = call.Backend.Json.Object(snapshot);
            if (minNotional > 0)
            {
                // As the embedded server: the levels are filtered, meta is not updated.
                body["long_levels"] = call.Backend.Json.Object(new { l = snapshot.LongLevels.Where(l => l.NotionalUsd >= minNotional).ToList() })["l"]!.DeepClone();
                body["short_levels"] = call.Backend.Json.Object(new { l = snapshot.ShortLevels.Where(l => l.NotionalUsd >= minNotional).ToList() })["l"]!.DeepClone();
            }

            Warn(call, body, s);
            return call.Backend.Ok(body);
        }).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> Stats(RouteCall call)
    {
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key("liq_stats", ("symbol", sym)), Live, async () =>
        {
            var (s, warming) = await Snapshot(call, sym).ConfigureAwait(false);
            if (s is null)
            {
                return warming!;
            }

            var history = await call.Backend.Ask<LiquidationHistory>(new GetLiquidationHistory(call.Backend.Symbols.Full(sym)), call.Ct).ConfigureAwait(false);
            var body = call.Backend.Json.Object(s.Snapshot!.Stats);
            body["symbol"] = sym;
            body["snapshot_ts"] = call.Backend.Json.Num(s.Snapshot.Ts);
            body["snapshot_age_s"] = call.Backend.Json.Num(Math.Round(call.Backend.NowS - s.Snapshot.Ts, 1));
            body["history_frames"] = history.Value?.Frames.Count ?? 0;
            return call.Backend.Ok(body);
        }).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> Events(RouteCall call)
    {
        var limit = (int)MoonstreamApi.Clamp(call.Query.Int("limit"), 500, 1, 5000);
        var since = call.Query.Int("since_ts") ?? 0;
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        // Not cached (SPEC §11.1): a poller asks with a moving since_ts.
        var answer = await call.Backend.Ask<LiquidationEvents>(new GetLiquidationEvents(call.Backend.Symbols.Full(sym), since, limit), call.Ct).ConfigureAwait(false);
        if (answer.Value is not { } events)
        {
            return answer.TimedOut
                ? call.Backend.Error(503, "Liquidation events buffer not available")
                : call.Backend.Error(400, $"No liquidation event buffer for symbol {sym}");
        }

        var list = new JsonArray([.. events.Events.Select(e => (JsonNode)Event(call.Backend.Json, sym, e))]);
        return call.Backend.Ok(new JsonObject
        {
            ["symbol"] = sym,
            ["events"] = list,
            ["count"] = events.Events.Count,
            ["oldest_available_ts"] = events.Events.Count > 0 ? events.Events[0].TimestampMs : 0,
            ["newest_ts"] = events.Events.Count > 0 ? events.Events[^1].TimestampMs : 0,
            ["ts_unit"] = "ms",
        });
    }

    private static JsonObject Event(ApiJson json, string sym, LiquidationEvent e) => new()
    {
        ["ts"] = e.TimestampMs,
        ["symbol"] = sym,
        ["side"] = e.Side.Name(),
        ["price"] = json.Num((double)e.Price),
        ["qty"] = json.Num((double)e.Quantity),
        ["notional_usd"] = json.Num(Math.Round(e.NotionalUsd, 4)),
        ["exchange"] = e.Venue,
    };
}
