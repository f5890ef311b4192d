using System.Globalization;
using System.Text.Json.Nodes;
using ActorBot.Domain.OrderBook.Api;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Engine.Liquidations;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// <c>/orderbook_heatmap</c> and its history (SPEC §11.3, §9.5), asked of the symbol's /book (<see cref="GetBookFrames"/>).
/// The checks run in the old order. Fixed (SPEC §13 #14): <c>range_pct</c>, when given, crops the grid to src ± range;
/// a requested step or bounds apply to <c>format=bin</c> too (the old server sent the native arrays whatever was asked).
/// With no grid parameter the body is the frame's native grid, as before. The raw symbol echo is kept (SPEC §15.1).
/// </summary>
internal static class OrderBookRoutes
{
    public const int IntervalMs = 30_000;

    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder app, MoonstreamBackend backend)
    {
        MoonstreamApi.Get(app, backend, ["/orderbook_heatmap", "/v2/orderbook_heatmap_30s"], Single);
        MoonstreamApi.Get(app, backend, ["/orderbook_heatmap_history", "/v2/orderbook_heatmap_30s_history"], OrderBookHistory.Handle);
        MoonstreamApi.Get(app, backend, ["/orderbook_heatmap_stats", "/v2/orderbook_heatmap_30s_stats"], OrderBookStats.Stats);
        MoonstreamApi.Get(app, backend, ["/orderbook_heatmap_debug", "/v2/orderbook_heatmap_30s_debug"], OrderBookStats.Debug);
    }

    internal static async Task<(IReadOnlyList<ObFrame>? Frames, ApiResponse? Error)> Frames(RouteCall call, string sym, int max)
    {
        var answer = await call.Backend.Ask<BookFrames>(new GetBookFrames(call.Backend.Symbols.Full(sym), max), call.Ct).ConfigureAwait(false);
        return answer.Value is { } f ? (f.Frames, null) : (null, call.Backend.Error(503, $"Orderbook buffer not available for {sym}"));
    }

    internal static bool IsStale(MoonstreamBackend b, long frameTsMs) => b.NowMs - frameTsMs > StaleAfter.TotalMilliseconds;

    internal static string Flag(bool b) => b ? "true" : "false";

    internal static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture);

    private static async Task<ApiResponse> Single(RouteCall call)
    {
        var recvMs = call.Backend.NowMs;
        var rangePct = call.Query.Float("range_pct");
        var step = call.Query.Float("step");
        var priceMin = call.Query.Float("price_min");
        var priceMax = call.Query.Float("price_max");
        var format = call.Query.Str("format") ?? "json";
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out var raw, out var error) is not { } sym)
        {
            return error!;
        }

        var bin = format == "bin";
        if (bin)
        {
            return await Build(call, sym, raw, rangePct, step, priceMin, priceMax, bin: true, recvMs).ConfigureAwait(false);
        }

        var key = ResponseCache.Key("orderbook_heatmap", ("symbol", raw), ("range_pct", rangePct), ("step", step), ("price_min", priceMin), ("price_max", priceMax));
        return await call.Backend.Cached(key, Live, () => Build(call, sym, raw, rangePct, step, priceMin, priceMax, bin: false, recvMs)).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> Build(RouteCall call, string sym, string raw, double? rangePct, double? stepParam, double? priceMin, double? priceMax, bool bin, long recvMs)
    {
        var b = call.Backend;
        var (frames, unavailable) = await Frames(call, sym, 1).ConfigureAwait(false);
        if (frames is null)
        {
            return unavailable!;
        }

        if (frames.Count == 0)
        {
            return b.Error(404, "No orderbook frames available yet");
        }

        var frame = frames[^1];
        var nativeStep = (double)frame.Step;
        var step = stepParam ?? nativeStep;
        if (!(step > 0))
        {
            return b.Error(400, "step must be positive");
        }

        if (ObApiGrid.CheckRange(rangePct ?? 0.10) is { } badRange)
        {
            return b.Error(400, badRange);
        }

        if (ObApiGrid.CheckGrid(step, priceMin, priceMax) is { } badGrid)
        {
            return b.Error(400, badGrid);
        }

        var native = new ObGrid(frame.MinTick, frame.PriceCount, nativeStep);
        var grid = native;
        if (priceMin is not null || priceMax is not null || rangePct is not null || step != nativeStep)
        {
            var src = (double)frame.Src;
            var lo = priceMin ?? (rangePct is { } r ? Math.Max(native.PriceMin, src * (1 - r)) : native.PriceMin);
            var hi = priceMax ?? (rangePct is { } r2 ? Math.Min(native.PriceMax, src * (1 + r2)) : native.PriceMax);
            grid = ObGrid.Between(lo, hi, step);
            if (grid.Count > ObApiGrid.MaxBuckets || grid.Count <= 0)
            {
                return b.Error(400, ObApiGrid.TooLarge(grid.Count));
            }
        }

        var isNative = grid == native;
        var bidU8 = isNative ? frame.BidU8.ToArray() : ObApiGrid.Resample(frame, grid, bid: true);
        var askU8 = isNative ? frame.AskU8.ToArray() : ObApiGrid.Resample(frame, grid, bid: false);
        var frameTsMs = frame.TsSeconds * 1000;
        var stale = IsStale(b, frameTsMs);
        if (bin)
        {
            var n = frame.Norm;
            var header = new ObApiBinaryHeader((ulong)frameTsMs, IntervalMs, 1, (ushort)grid.Count, grid.PriceMin, grid.PriceMax, grid.Step, (double)frame.Src,
                ObApiBinaryCodec.UsdToU16(n.P50), ObApiBinaryCodec.UsdToU16(n.P90), ObApiBinaryCodec.UsdToU16(n.P95), ObApiBinaryCodec.UsdToU16(n.P99), ObApiBinaryCodec.UsdToU16(n.Max));
            return new ApiResponse(200, ObApiBinaryCodec.EncodeSingle(header, bidU8, askU8), "application/octet-stream",
            [
                new("X-Frame-Ts-Ms", Ms(frameTsMs)),
                new("X-Frame-Interval-Ms", Ms(IntervalMs)),
                new("X-Data-Is-Stale", Flag(stale)),
                new("X-Server-Send-Ts-Ms", Ms(b.NowMs)),
            ]);
        }

        var json = b.Json;
        var bidUsd = isNative ? frame.BidNotional.ToArray() : ObApiGrid.ResampleNotional(frame, grid, bid: true);
        var askUsd = isNative ? frame.AskNotional.ToArray() : ObApiGrid.ResampleNotional(frame, grid, bid: false);
        return b.Ok(new JsonObject
        {
            ["symbol"] = raw,
            ["frame_ts_ms"] = frameTsMs,
            ["frame_interval_ms"] = IntervalMs,
            ["valid_from_ts_ms"] = frameTsMs,
            ["valid_to_ts_ms"] = frameTsMs + IntervalMs,
            ["server_recv_ts_ms"] = recvMs,
            ["server_send_ts_ms"] = b.NowMs,
            ["data_is_stale"] = stale,
            ["ts"] = json.Num(frame.TsSeconds),
            ["src"] = json.Num((double)frame.Src),
            ["step"] = json.Num(grid.Step),
            ["price_min"] = json.Num(grid.PriceMin),
            ["price_max"] = json.Num(grid.PriceMax),
            ["prices"] = new JsonArray([.. Enumerable.Range(0, grid.Count).Select(i => json.Num(grid.PriceAt(i)))]),
            ["bid_u8"] = new JsonArray([.. bidU8.Select(v => (JsonNode)(int)v)]),
            ["ask_u8"] = new JsonArray([.. askU8.Select(v => (JsonNode)(int)v)]),
            ["norm_p50"] = json.Num(frame.Norm.P50),
            ["norm_p90"] = json.Num(frame.Norm.P90),
            ["norm_p95"] = json.Num(frame.Norm.P95),
            ["norm_p99"] = json.Num(frame.Norm.P99),
            ["norm_max"] = json.Num(frame.Norm.Max),
            ["bid_p50"] = json.Num(frame.Bid.P50),
            ["bid_p95"] = json.Num(frame.Bid.P95),
            ["bid_max"] = json.Num(frame.Bid.Max),
            ["ask_p50"] = json.Num(frame.Ask.P50),
            ["ask_p95"] = json.Num(frame.Ask.P95),
            ["ask_max"] = json.Num(frame.Ask.Max),
            ["total_bid_notional"] = json.Num((double)frame.TotalBidNotional),
            ["total_ask_notional"] = json.Num((double)frame.TotalAskNotional),
            ["scale"] = 255,
            ["_mode"] = "shared_buffer",
            // New: the real USD per grid price (the standalone server's names).
            ["bid_notional_usd"] = new JsonArray([.. bidUsd.Select(json.Num)]),
            ["ask_notional_usd"] = new JsonArray([.. askUsd.Select(json.Num)]),
        });
    }
}
