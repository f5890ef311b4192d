using System.Text.Json.Nodes;
using ActorBot.Engine.Liquidations;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// <c>/orderbook_heatmap_stats</c> and <c>/orderbook_heatmap_debug</c> (SPEC §9.3, §11.3) from /book's
/// <see cref="BookStats"/> and frames. <c>reconstructor</c> is this symbol's own synchroniser (the old file was shared by
/// every symbol, SPEC §13 #16): the old key names where a counter has one, the rest added.
/// </summary>
internal static class OrderBookStats
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    public static async Task<ApiResponse> Stats(RouteCall call)
    {
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key("orderbook_heatmap_stats", ("symbol", sym)), Ttl, async () =>
        {
            var body = await BufferStats(call, sym).ConfigureAwait(false);
            return body is null ? call.Backend.Error(503, $"Orderbook buffer not available for {sym}") : call.Backend.Ok(body);
        }).ConfigureAwait(false);
    }

    public static async Task<ApiResponse> Debug(RouteCall call)
    {
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out _, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key("orderbook_heatmap_debug", ("symbol", sym)), Ttl, async () =>
        {
            var stats = await BufferStats(call, sym).ConfigureAwait(false);
            var body = new JsonObject
            {
                ["symbol"] = sym,
                ["has_ob_heatmap_module"] = true,
                ["ob_buffer_available"] = stats is not null,
                ["mode"] = "embedded",
            };
            if (stats is not null)
            {
                body["ob_buffer_stats"] = stats;
            }
            else
            {
                body["ob_buffer_stats_error"] = $"Orderbook buffer not available for {sym}";
            }

            return call.Backend.Ok(body);
        }).ConfigureAwait(false);
    }

    private static async Task<JsonObject?> BufferStats(RouteCall call, string sym)
    {
        var b = call.Backend;
        var full = b.Symbols.Full(sym);
        var statsTask = b.Ask<BookStats>(new GetBookStats(full), call.Ct);
        var framesTask = b.Ask<BookFrames>(new GetBookFrames(full, 1440), call.Ct);
        await Task.WhenAll(statsTask, framesTask).ConfigureAwait(false);
        if ((await statsTask.ConfigureAwait(false)).Value is not { } stats)
        {
            return null;
        }

        var frames = (await framesTask.ConfigureAwait(false)).Value?.Frames ?? [];
        var json = b.Json;
        var now = b.NowMs;
        var lastMs = frames.Count > 0 ? frames[^1].TsSeconds * 1000 : 0;
        var ring = stats.Buffer;
        return new JsonObject
        {
            ["frames_in_memory"] = stats.FramesHeld,
            ["frames_on_disk"] = ring?.RecordsOnDisk ?? 0,
            ["last_ts"] = frames.Count > 0 ? json.Num(frames[^1].TsSeconds) : null,
            ["oldest_ts"] = frames.Count > 0 ? json.Num(frames[0].TsSeconds) : null,
            ["file_size_bytes"] = ring?.FileSizeBytes ?? 0,
            ["frames_written_total"] = ring?.AppendsTotal ?? 0,
            // The boundary the last frame was cut (and written) at.
            ["last_frame_write_ts_ms"] = frames.Count > 0 ? frames[^1].BoundaryUnixMs : 0,
            ["last_frame_write_duration_ms"] = json.Num(Math.Round(ring?.LastAppendDurationMs ?? 0, 2)),
            ["avg_frame_write_duration_ms"] = json.Num(ring?.AvgAppendDurationMs ?? 0),
            ["current_time"] = json.Num(now / 1000.0),
            ["current_time_ms"] = now,
            ["frame_interval_ms"] = OrderBookRoutes.IntervalMs,
            ["mode"] = "shared_buffer",
            ["last_frame_age_s"] = frames.Count > 0 ? json.Num(Math.Round((now - lastMs) / 1000.0, 1)) : null,
            ["last_frame_ts_ms"] = lastMs,
            ["data_is_stale"] = frames.Count == 0 || OrderBookRoutes.IsStale(b, lastMs),
            ["fsyncs"] = ring?.Fsyncs ?? 0,
            ["compactions"] = ring?.Compactions ?? 0,
            ["torn_bytes_truncated_at_open"] = ring?.TornBytesTruncatedAtOpen ?? 0,
            ["reconstructor"] = Reconstructor(b, stats),
        };
    }

    private static JsonObject Reconstructor(MoonstreamBackend b, BookStats stats)
    {
        if (stats.Reconstructor is not { } c)
        {
            return new JsonObject { ["error"] = "reconstructor not started" };
        }

        return new JsonObject
        {
            ["diffs_applied"] = c.Applied,
            ["levels_applied"] = c.LevelsApplied,
            ["diffs_discarded"] = c.Dropped,
            ["gaps"] = c.Gaps,
            ["resyncs"] = c.Resyncs,
            ["snapshots"] = c.Snapshots,
            ["stats_age_s"] = stats.ReconstructorUpdatedMs is { } at ? b.Json.Num(Math.Round((b.NowMs - at) / 1000.0, 1)) : null,
        };
    }
}
