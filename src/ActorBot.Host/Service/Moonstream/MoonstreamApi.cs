using ActorBot.Domain.Liquidations.Api;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>The request a route handles: its typed query, the resolved symbol, the shared backend.</summary>
public sealed record RouteCall(HttpContext Http, QueryParams Query, MoonstreamBackend Backend)
{
    public CancellationToken Ct => Http.RequestAborted;
}

/// <summary>
/// Registers the moonstream HTTP API (SPEC §11; docs/api.md "Liquidation API") on the probe's Kestrel app at the root
/// paths, each route under its clean path and its legacy alias (GET only, same handler, same body). The probe keeps
/// <c>/health</c>; the moonstream health answers at <c>/v1/health</c>. Unknown paths answer FastAPI's
/// <c>404 {"detail":"Not Found"}</c>.
/// </summary>
public static class MoonstreamApi
{
    public static void Map(IEndpointRouteBuilder app, MoonstreamBackend backend)
    {
        ArgumentNullException.ThrowIfNull(app);
        HealthRoutes.Map(app, backend);
        LiquidationRoutes.Map(app, backend);
        HistoryRoutes.Map(app, backend);
        ZoneRoutes.Map(app, backend);
        OrderBookRoutes.Map(app, backend);
        HeatmapPage.Map(app);
        // "{*path}", not the default "{*path:nonfile}": a path that looks like a file (/ui/nope.js) gets the same 404 body.
        app.MapFallback("{*path}", async (HttpContext http) => await Write(http, backend, backend.Error(404, "Not Found")).ConfigureAwait(false));
    }

    /// <summary>Maps a handler under each of its paths. Parameter errors (422) come first, as FastAPI validates before the handler.</summary>
    internal static void Get(IEndpointRouteBuilder app, MoonstreamBackend backend, string[] paths, Func<RouteCall, Task<ApiResponse>> handler)
    {
        foreach (var path in paths)
        {
            app.MapGet(path, async (HttpContext http) =>
            {
                var call = new RouteCall(http, new QueryParams(http.Request.Query), backend);
                var response = await handler(call).ConfigureAwait(false);
                await Write(http, backend, response).ConfigureAwait(false);
            });
        }
    }

    /// <summary>The 422 answer when any parameter failed to parse; null when all parsed.</summary>
    internal static ApiResponse? Invalid(RouteCall call) =>
        call.Query.HasErrors ? new ApiResponse(422, call.Backend.Json.Bytes(call.Query.ErrorBody()), MoonstreamBackend.JsonType) : null;

    /// <summary>The short symbol of the <c>symbol</c> parameter (default BTC), or the 400 answer.</summary>
    internal static string? Symbol(RouteCall call, out string raw, out ApiResponse? error)
    {
        raw = call.Query.Str("symbol") ?? "BTC";
        var sym = call.Backend.Symbols.Resolve(raw, out var message);
        error = sym is null ? call.Backend.Error(400, message!) : null;
        return sym;
    }

    internal static long Clamp(long? value, long fallback, long min, long max) => Math.Clamp(value ?? fallback, min, max);

    private static async Task Write(HttpContext http, MoonstreamBackend backend, ApiResponse response)
    {
        if (response.Status >= 400)
        {
            // Refused requests are counted by status (served on /v1/health), never thrown.
            backend.CountError(response.Status);
        }

        http.Response.StatusCode = response.Status;
        http.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers ?? [])
        {
            http.Response.Headers[name] = value;
        }

        http.Response.ContentLength = response.Body.Length;
        await http.Response.Body.WriteAsync(response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The symbol the engines know for a short one.</summary>
    internal static string Full(this ApiSymbols symbols, string sym) => symbols.SymbolOf(sym);
}
