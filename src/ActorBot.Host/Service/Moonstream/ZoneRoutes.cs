using System.Globalization;
using System.Text.Json.Nodes;
using ActorBot.Domain.Liquidations.Zones;
using ActorBot.Engine.Liquidations;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// <c>/liq_zones</c>, <c>/liq_zones_summary</c> and <c>/liq_zones_heatmap</c> (SPEC §8.4, §11.3), asked of the symbol's
/// live /zones. <c>notional_usd</c> of the zones heatmap stays the old <c>weight·100000</c> (not USD, SPEC §13 #11).
/// </summary>
internal static class ZoneRoutes
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder app, MoonstreamBackend backend)
    {
        MoonstreamApi.Get(app, backend, ["/liq_zones", "/v3/liq_zones"], Zones);
        MoonstreamApi.Get(app, backend, ["/liq_zones_summary", "/v3/liq_zones_summary"], Summary);
        MoonstreamApi.Get(app, backend, ["/liq_zones_heatmap", "/v3/liq_heatmap"], Heatmap);
    }

    private static async Task<ApiResponse> Zones(RouteCall call)
    {
        var side = call.Query.Str("side");
        var minLev = call.Query.Int("min_leverage");
        var maxLev = call.Query.Int("max_leverage");
        var minWeight = call.Query.Float("min_weight");
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out var raw, out var error) is not { } sym)
        {
            return error!;
        }

        var sideLower = side?.ToLowerInvariant();
        if (sideLower is not (null or "long" or "short"))
        {
            return call.Backend.Error(400, $"Invalid side '{side}'. Must be 'long' or 'short'.");
        }

        var key = ResponseCache.Key("liq_zones", ("symbol", sym), ("side", sideLower), ("min_leverage", minLev), ("max_leverage", maxLev), ("min_weight", minWeight));
        return await call.Backend.Cached(key, Ttl, async () =>
        {
            var (state, failed) = await State(call, sym, raw).ConfigureAwait(false);
            if (state is null)
            {
                return failed!;
            }

            var zones = Filter(state.Zones, sideLower, minLev, maxLev, minWeight).ToList();
            var json = call.Backend.Json;
            return call.Backend.Ok(new JsonObject
            {
                ["symbol"] = sym,
                ["ts"] = json.Num(call.Backend.NowS),
                ["zones"] = new JsonArray([.. zones.Select(z => (JsonNode)Zone(json, z))]),
                ["zones_count"] = zones.Count,
                ["summary"] = SummaryObject(json, state.Summary),
                ["filters"] = new JsonObject
                {
                    ["side"] = sideLower,
                    ["min_leverage"] = minLev,
                    ["max_leverage"] = maxLev,
                    ["min_weight"] = minWeight is { } w ? json.Num(w) : null,
                },
            });
        }).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> Summary(RouteCall call)
    {
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out var raw, out var error) is not { } sym)
        {
            return error!;
        }

        return await call.Backend.Cached(ResponseCache.Key("liq_zones_summary", ("symbol", sym)), Ttl, async () =>
        {
            var (state, failed) = await State(call, sym, raw).ConfigureAwait(false);
            if (state is null)
            {
                return failed!;
            }

            var body = SummaryObject(call.Backend.Json, state.Summary);
            body["symbol"] = sym;
            body["ts"] = call.Backend.Json.Num(call.Backend.NowS);
            return call.Backend.Ok(body);
        }).ConfigureAwait(false);
    }

    private static async Task<ApiResponse> Heatmap(RouteCall call)
    {
        var minNotional = call.Query.Float("min_notional") ?? 0;
        var minLev = call.Query.Int("min_leverage");
        var maxLev = call.Query.Int("max_leverage");
        var minWeight = call.Query.Float("min_weight");
        if (MoonstreamApi.Invalid(call) is { } invalid)
        {
            return invalid;
        }

        if (MoonstreamApi.Symbol(call, out var raw, out var error) is not { } sym)
        {
            return error!;
        }

        var key = ResponseCache.Key("liq_zones_heatmap", ("symbol", sym), ("min_notional", minNotional), ("min_leverage", minLev), ("max_leverage", maxLev), ("min_weight", minWeight));
        return await call.Backend.Cached(key, Ttl, async () =>
        {
            var (state, failed) = await State(call, sym, raw).ConfigureAwait(false);
            if (state is null)
            {
                return failed!;
            }

            var json = call.Backend.Json;
            var zones = Filter(state.Zones, null, minLev, maxLev, minWeight)
                .Select(z => (Zone: z, Notional: Math.Round(z.Weight * 100_000, 2)))
                .Where(x => !(minNotional > 0) || x.Notional >= minNotional)
                .ToList();
            var longs = zones.Where(x => x.Zone.Side == Domain.Liquidations.LiquidationSide.Long).Select(x => (JsonNode)Level(json, x.Zone, x.Notional)).ToList();
            var shorts = zones.Where(x => x.Zone.Side == Domain.Liquidations.LiquidationSide.Short).Select(x => (JsonNode)Level(json, x.Zone, x.Notional)).ToList();
            var s = state.Summary;
            return call.Backend.Ok(new JsonObject
            {
                ["symbol"] = sym,
                ["ts"] = json.Num(call.Backend.NowS),
                ["long_levels"] = new JsonArray([.. longs]),
                ["short_levels"] = new JsonArray([.. shorts]),
                ["meta"] = new JsonObject
                {
                    ["min_leverage"] = minLev,
                    ["max_leverage"] = maxLev,
                    ["min_weight"] = minWeight is { } w ? json.Num(w) : null,
                    ["min_notional"] = json.Num(minNotional),
                    // Python's bool(a or b or c or d): 0 counts as not set.
                    ["filtered"] = (minLev ?? 0) != 0 || (maxLev ?? 0) != 0 || (minWeight ?? 0) != 0 || minNotional != 0,
                    ["long_pools_count"] = longs.Count,
                    ["short_pools_count"] = shorts.Count,
                    ["total_long_weight"] = json.Num(s.TotalWeightLong),
                    ["total_short_weight"] = json.Num(s.TotalWeightShort),
                    ["zones_created"] = s.ZonesCreatedTotal,
                    ["zones_swept"] = s.ZonesSweptTotal,
                },
            });
        }).ConfigureAwait(false);
    }

    private static async Task<(ZonesState? State, ApiResponse? Error)> State(RouteCall call, string sym, string raw)
    {
        var answer = await call.Backend.Ask<ZonesState>(new GetZones(call.Backend.Symbols.Full(sym)), call.Ct).ConfigureAwait(false);
        if (answer.Value is { } state)
        {
            return (state, null);
        }

        return answer.TimedOut
            ? (null, call.Backend.Error(503, "Engine manager not available"))
            : (null, call.Backend.Error(404, $"No zone manager available for {raw}. Is the engine registered?"));
    }

    /// <summary>SPEC §8.4: side; a leverage filter (0 = not set) keeps zones whose tiers in range sum ≥ 0.01; min_weight if &gt; 0; by weight, descending.</summary>
    internal static IEnumerable<ZoneView> Filter(IEnumerable<ZoneView> zones, string? side, long? minLev, long? maxLev, double? minWeight)
    {
        var byLeverage = (minLev ?? 0) != 0 || (maxLev ?? 0) != 0;
        return zones
            .Where(z => side is null || z.Side.Name() == side)
            .Where(z => !byLeverage || z.TierContributions.Where(t => (minLev is not { } lo || t.Tier >= lo) && (maxLev is not { } hi || t.Tier <= hi)).Sum(t => t.Value) >= 0.01)
            .Where(z => !(minWeight > 0) || z.Weight >= minWeight)
            .OrderByDescending(z => z.Weight);
    }

    private static JsonObject Zone(ApiJson json, ZoneView z) => new()
    {
        ["price"] = json.Num((double)z.Price),
        ["side"] = z.Side.Name(),
        ["weight"] = json.Num(z.Weight),
        ["created_at"] = z.CreatedAtMs,
        ["last_reinforced_at"] = z.LastReinforcedAtMs,
        ["reinforcement_count"] = z.ReinforcementCount,
        ["source"] = z.Source.Name(),
        ["tier_contributions"] = Tiers(json, z),
    };

    private static JsonObject Level(ApiJson json, ZoneView z, double notional) => new()
    {
        ["price"] = json.Num((double)z.Price),
        ["weight"] = json.Num(z.Weight),
        ["notional_usd"] = json.Num(notional),
        ["tier_contributions"] = Tiers(json, z),
        ["reinforcement_count"] = z.ReinforcementCount,
        ["source"] = z.Source.Name(),
        ["created_at"] = z.CreatedAtMs,
        ["last_reinforced_at"] = z.LastReinforcedAtMs,
    };

    private static JsonObject Tiers(ApiJson json, ZoneView z)
    {
        var tiers = new JsonObject();
        foreach (var t in z.TierContributions)
        {
            tiers[t.Tier.ToString(CultureInfo.InvariantCulture)] = json.Num(Math.Round(t.Value, 4));
        }

        return tiers;
    }

    private static JsonObject SummaryObject(ApiJson json, ZoneSummary s) => new()
    {
        ["active_zones_long"] = s.ActiveZonesLong,
        ["active_zones_short"] = s.ActiveZonesShort,
        ["total_weight_long"] = json.Num(s.TotalWeightLong),
        ["total_weight_short"] = json.Num(s.TotalWeightShort),
        ["zones_created_total"] = s.ZonesCreatedTotal,
        ["zones_reinforced_total"] = s.ZonesReinforcedTotal,
        ["zones_swept_total"] = s.ZonesSweptTotal,
        ["zones_expired_total"] = s.ZonesExpiredTotal,
        ["zones_merged_total"] = s.ZonesMergedTotal,
    };
}
