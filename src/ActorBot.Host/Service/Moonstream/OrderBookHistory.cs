using System.Text.Json.Nodes;
using ActorBot.Domain.OrderBook.Api;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// <c>/orderbook_heatmap_history</c> (SPEC §11.3, §9.5): the last <c>minutes·2</c> frames, every <c>stride</c>-th, on one
/// grid (the given bounds, else the frames' bounds, rounded to the step, by index). No frames: the empty JSON body, even
/// for <c>format=bin</c>, as before. Added: the post-build size check the old server lacked (a grid over 10,000 → 400).
/// </summary>
internal static class OrderBookHistory
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    /// <summary>The step with no frame to take it from (the old defaults; the liquidation bucket step for other assets).</summary>
    internal static double DefaultStep(MoonstreamBackend b, string sym) => sym switch
    {
        "BTC" => 20.0,
        "ETH" => 1.0,
        "SOL" => 0.10,
        _ => b.BucketSteps.TryGetValue(sym, out var s) ? (double)s : 1.0,
    };

    public static async Task<ApiResponse> Handle(RouteCall call)
    {
        var recvMs = call.Backend.NowMs;
        var minutes = (int)MoonstreamApi.Clamp(call.Query.Int("minutes"), 720, 5, 720);
        var stride = (int)MoonstreamApi.Clamp(call.Query.Int("stride"), 1, 1, 60);
        var step = call.Query.Float("step");
        var priceMin = call.Query.Float("price_min");
        var priceMax = call.Query.Float("price_max");
        var format = call.Query.Str("format") ?? "json";
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        if (format == "bin")
        {
            return await Build(call, sym, minutes, stride, step, priceMin, priceMax, bin: true, recvMs).ConfigureAwait(false);
        }

        var key = ResponseCache.Key("orderbook_heatmap_history", ("symbol", sym), ("minutes", minutes), ("stride", stride), ("step", step), ("price_min", priceMin), ("price_max", priceMax));
        return await call.Backend.Cached(key, Ttl, () => Build(call, sym, minutes, stride, step, priceMin, priceMax, bin: false, recvMs)).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> Build(RouteCall call, string sym, int minutes, int stride, double? stepParam, double? priceMin, double? priceMax, bool bin, long recvMs)
    {
        var b = call.Backend;
        var (held, unavailable) = await OrderBookRoutes.Frames(call, sym, minutes * 2).ConfigureAwait(false);
        if (held is null)
        {
            return unavailable!;
        }

        var recent = held.Skip(Math.Max(0, held.Count - (minutes * 2))).ToList();
        var frames = recent.Where((_, i) => i % stride == 0).ToList();
        var step = stepParam ?? (frames.Count > 0 ? (double)frames[0].Step : DefaultStep(b, sym));
        if (ObApiGrid.CheckGrid(step, priceMin, priceMax) is { } bad)
        {
            return b.Error(400, bad);
        }

        var json = b.Json;
        if (frames.Count == 0)
        {
            return b.Ok(new JsonObject
            {
                ["t"] = new JsonArray(),
                ["prices"] = new JsonArray(),
                ["bid_u8"] = new JsonArray(),
                ["ask_u8"] = new JsonArray(),
                ["frame_interval_ms"] = OrderBookRoutes.IntervalMs,
                ["step"] = json.Num(step),
                ["scale"] = 255,
                ["norm_method"] = "p50_p95",
                ["_mode"] = "shared_buffer",
            });
        }

        var grid = ObGrid.Between(priceMin ?? frames.Min(f => (double)f.PriceMin), priceMax ?? frames.Max(f => (double)f.PriceMax), step);
        if (grid.Count > ObApiGrid.MaxBuckets || grid.Count <= 0)
        {
            return b.Error(400, ObApiGrid.TooLarge(grid.Count));
        }

        var bid = new byte[frames.Count * grid.Count];
        var ask = new byte[frames.Count * grid.Count];
        for (var row = 0; row < frames.Count; row++)
        {
            ObApiGrid.Resample(frames[row], grid, bid: true).CopyTo(bid, row * grid.Count);
            ObApiGrid.Resample(frames[row], grid, bid: false).CopyTo(ask, row * grid.Count);
        }

        var t = frames.Select(f => f.TsSeconds * 1000).ToList();
        var stale = OrderBookRoutes.IsStale(b, t[^1]);
        if (bin)
        {
            return Binary(b, frames, grid, bid, ask, t, stale);
        }

        return b.Ok(new JsonObject
        {
            ["frame_interval_ms"] = OrderBookRoutes.IntervalMs,
            ["first_frame_ts_ms"] = t[0],
            ["last_frame_ts_ms"] = t[^1],
            ["server_recv_ts_ms"] = recvMs,
            ["server_send_ts_ms"] = b.NowMs,
            ["data_is_stale"] = stale,
            ["t"] = new JsonArray([.. t.Select(x => (JsonNode)x)]),
            ["prices"] = new JsonArray([.. Enumerable.Range(0, grid.Count).Select(i => json.Num(grid.PriceAt(i)))]),
            ["bid_u8"] = new JsonArray([.. bid.Select(v => (JsonNode)(int)v)]),
            ["ask_u8"] = new JsonArray([.. ask.Select(v => (JsonNode)(int)v)]),
            ["step"] = json.Num(grid.Step),
            ["price_min"] = json.Num(grid.PriceMin),
            ["price_max"] = json.Num(grid.PriceMax),
            ["scale"] = 255,
            ["norm_method"] = "p50_p95",
            ["_mode"] = "shared_buffer",
        });
    }

    private static ApiResponse Binary(MoonstreamBackend b, List<ObFrame> frames, ObGrid grid, byte[] bid, byte[] ask, List<long> t, bool stale)
    {
        // Header percentiles: the median across frames; max: the maximum (SPEC §9.5).
        ushort Median(Func<ObNormStats, double> pick) => ObApiBinaryCodec.UsdToU16(ObApiGrid.Median(frames.Select(f => pick(f.Norm))));
        var header = new ObApiBinaryHeader((ulong)t[0], OrderBookRoutes.IntervalMs, (ushort)frames.Count, (ushort)grid.Count, grid.PriceMin, grid.PriceMax, grid.Step, (double)frames[^1].Src,
            Median(n => n.P50), Median(n => n.P90), Median(n => n.P95), Median(n => n.P99), ObApiBinaryCodec.UsdToU16(frames.Max(f => f.Norm.Max)));
        var body = ObApiBinaryCodec.EncodeHistory(header, bid, ask, [.. t.Select(x => (ulong)x)]);
        return new ApiResponse(200, body, "application/octet-stream",
        [
            new("X-First-Frame-Ts-Ms", OrderBookRoutes.Ms(t[0])),
            new("X-Last-Frame-Ts-Ms", OrderBookRoutes.Ms(t[^1])),
            new("X-Frame-Count", OrderBookRoutes.Ms(frames.Count)),
            new("X-Price-Count", OrderBookRoutes.Ms(grid.Count)),
            new("X-Frame-Interval-Ms", OrderBookRoutes.Ms(OrderBookRoutes.IntervalMs)),
            new("X-Data-Is-Stale", OrderBookRoutes.Flag(stale)),
            new("X-Server-Send-Ts-Ms", OrderBookRoutes.Ms(b.NowMs)),
        ]);
    }
}
