using System.Net;
using System.Text.Json;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>The moonstream routes (SPEC §11): aliases, validation order, clamps, error bodies, cache, staleness.</summary>
public sealed class RouteTests : RouteFixture
{
    public static TheoryData<string, string> Aliases => new()
    {
        { "/liq_heatmap?symbol=BTC", "/v1/liq_heatmap?symbol=BTC" },
        { "/liq_heatmap_history?symbol=BTC", "/v1/liq_heatmap_history?symbol=BTC" },
        { "/liq_heatmap_v2?symbol=BTC", "/v2/liq_heatmap?symbol=BTC" },
        { "/liq_heatmap_v2_history?symbol=BTC", "/v2/liq_heatmap_history?symbol=BTC" },
        { "/liq_stats?symbol=BTC", "/v2/liq_stats?symbol=BTC" },
        { "/liq_events?symbol=BTC", "/v2/liq_events?symbol=BTC" },
        { "/orderbook_heatmap?symbol=BTC", "/v2/orderbook_heatmap_30s?symbol=BTC" },
        { "/orderbook_heatmap_history?symbol=BTC", "/v2/orderbook_heatmap_30s_history?symbol=BTC" },
        { "/orderbook_heatmap_stats?symbol=BTC", "/v2/orderbook_heatmap_30s_stats?symbol=BTC" },
        { "/orderbook_heatmap_debug?symbol=BTC", "/v2/orderbook_heatmap_30s_debug?symbol=BTC" },
        { "/liq_zones?symbol=BTC", "/v3/liq_zones?symbol=BTC" },
        { "/liq_zones_summary?symbol=BTC", "/v3/liq_zones_summary?symbol=BTC" },
        { "/liq_zones_heatmap?symbol=BTC", "/v3/liq_heatmap?symbol=BTC" },
    };

    [Theory(DisplayName = "Every legacy alias answers 200 with the same body as its clean path")]
    [MemberData(nameof(Aliases))]
    public async Task AliasSameBody(string clean, string alias)
    {
        var a = await Get(alias);
        var c = await Get(clean);
        a.Status.Should().Be(HttpStatusCode.OK, a.Body);
        a.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        a.Body.Should().Be(c.Body);
        a.Body.Should().NotContain(": ").And.NotContain(", ", "compact separators").And.NotContain("NaN");
    }

    [Fact(DisplayName = "/orderbook_heatmap checks in the old order: 422, symbol, buffer, frames, step, range_pct, bounds, grid size")]
    public async Task OrderBookValidationOrder()
    {
        (await Get("/orderbook_heatmap?symbol=XRP&step=abc")).Status.Should().Be((HttpStatusCode)422);
        await Expect("/orderbook_heatmap?symbol=XRP&step=-1", 400, "Invalid symbol 'XRP'. Valid symbols: BTC, ETH, SOL");
        await Expect("/orderbook_heatmap?symbol=ETH&step=-1", 503, "Orderbook buffer not available for ETH");
        await Expect("/orderbook_heatmap?symbol=SOL&step=-1", 404, "No orderbook frames available yet");
        await Expect("/orderbook_heatmap?symbol=BTC&step=0&range_pct=5", 400, "step must be positive");
        await Expect("/orderbook_heatmap?symbol=BTC&range_pct=5&price_min=10&price_max=5", 400, "range_pct must be between 0 and 1.0");
        await Expect("/orderbook_heatmap?symbol=BTC&price_min=10&price_max=5", 400, "price_max must be greater than price_min");
        await Expect("/orderbook_heatmap?symbol=BTC&price_min=0&price_max=1000000&step=1", 400, "grid too large: 1000001 buckets exceeds limit of 10000");
        await Expect("/orderbook_heatmap_history?symbol=ETH", 503, "Orderbook buffer not available for ETH");
    }

    [Fact(DisplayName = "A non-numeric int or float parameter is FastAPI's 422 body, every bad parameter listed; nan is refused")]
    public async Task UnprocessableBody()
    {
        var r = await Get("/liq_heatmap_v2_history?symbol=BTC&minutes=abc&stride=1.5");
        ((int)r.Status).Should().Be(422);
        r.Body.Should().Be("""{"detail":[{"type":"int_parsing","loc":["query","minutes"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},{"type":"int_parsing","loc":["query","stride"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"1.5"}]}""");
        (await Get("/liq_heatmap_v2?symbol=XRP&min_notional=x")).Body.Should().Be("""{"detail":[{"type":"float_parsing","loc":["query","min_notional"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"}]}""", "422 comes before the symbol check");
        (await Get("/liq_zones?min_weight=nan")).Body.Should().Contain("\"type\":\"finite_number\"");
        (await Get("/liq_heatmap_v2_history?symbol=BTC&minutes=5.0")).Status.Should().Be(HttpStatusCode.OK, "pydantic takes 5.0 as an int");
    }

    [Fact(DisplayName = "Out-of-range values are clamped silently: minutes 5..720, stride 1..30, limit 1..5000")]
    public async Task Clamps()
    {
        var few = Json((await Get("/liq_heatmap_v2_history?symbol=BTC&minutes=1&stride=1000")).Body);
        few.GetProperty("t").GetArrayLength().Should().Be(1, "minutes 1 → 5 frames, stride 1000 → 30: the first of the 5");
        var all = Json((await Get("/liq_heatmap_v2_history?symbol=BTC&minutes=99999&stride=-4")).Body);
        all.GetProperty("t").GetArrayLength().Should().Be(40, "minutes → 720 covers all 40 held frames, stride → 1");
        all.GetProperty("long").GetArrayLength().Should().Be(40 * all.GetProperty("prices").GetArrayLength(), "flat row-major");
        Json((await Get("/liq_events?symbol=BTC&limit=0")).Body).GetProperty("count").GetInt32().Should().Be(1);
        Json((await Get("/liq_events?symbol=BTC&limit=999999")).Body).GetProperty("count").GetInt32().Should().Be(10);
        var since = Json((await Get($"/liq_events?symbol=BTC&since_ts={NowMs - 60_000 + 7000}")).Body);
        since.GetProperty("count").GetInt32().Should().Be(2);
        since.GetProperty("oldest_available_ts").GetInt64().Should().Be(NowMs - 60_000 + 8000);
        await Expect("/liq_zones?symbol=BTC&side=up", 400, "Invalid side 'up'. Must be 'long' or 'short'.");
        Json((await Get("/liq_zones?symbol=BTC&side=LONG")).Body).GetProperty("filters").GetProperty("side").GetString().Should().Be("long");
    }

    [Fact(DisplayName = "Symbols: USDT stripped and upper-cased, the configured base assets listed in the 400, unknown paths 404 Not Found")]
    public async Task SymbolsAndUnknownPaths()
    {
        Json((await Get("/liq_stats?symbol=%20btcusdt%20")).Body).GetProperty("symbol").GetString().Should().Be("BTC");
        await Expect("/liq_stats?symbol=doge", 400, "Invalid symbol 'doge'. Valid symbols: BTC, ETH, SOL");
        await Expect("/liq_stats?symbol=", 400, "Invalid symbol ''. Valid symbols: BTC, ETH, SOL");
        await Expect("/liq_stats?symbol=SOL", 503, "Data for SOL is warming up, try again shortly");
        await Expect("/liq_zones?symbol=eth", 404, "No zone manager available for eth. Is the engine registered?");
        await Expect("/nope", 404, "Not Found");
        await Expect("/ui/nope.js", 404, "Not Found");
        await Expect("/health", 404, "Not Found");
        Json((await Get("/orderbook_heatmap?symbol=btcusdt")).Body).GetProperty("symbol").GetString().Should().Be("btcusdt", "the raw echo is kept (SPEC §15.1)");
    }

    [Fact(DisplayName = "The cache answers within the route's TTL without asking the engines, asks again after it, never caches an error")]
    public async Task CacheTtl()
    {
        var first = await Get("/liq_stats?symbol=BTC");
        var asks = Asks.Value;
        Clock.Advance(TimeSpan.FromSeconds(4.9));
        (await Get("/liq_stats?symbol=BTCUSDT")).Body.Should().Be(first.Body, "the normalised key is the same");
        Asks.Value.Should().Be(asks, "a hit reaches no actor");
        Clock.Advance(TimeSpan.FromSeconds(0.2));
        await Get("/liq_stats?symbol=BTC");
        Asks.Value.Should().BeGreaterThan(asks, "5 s after creation the entry is stale");

        asks = Asks.Value;
        await Get("/liq_stats?symbol=SOL");
        await Get("/liq_stats?symbol=SOL");
        Asks.Value.Should().Be(asks + 2, "a 503 is not cached");

        asks = Asks.Value;
        await Get("/liq_heatmap_v2_history?symbol=BTC");
        Clock.Advance(TimeSpan.FromSeconds(29));
        await Get("/liq_heatmap_v2_history?symbol=BTC");
        Asks.Value.Should().Be(asks + 2, "history lives 30 s (one miss: history and snapshot asked once)");
        asks = Asks.Value;
        await Get("/liq_events?symbol=BTC");
        await Get("/liq_events?symbol=BTC");
        Asks.Value.Should().Be(asks + 2, "/liq_events is never cached");
    }

    [Fact(DisplayName = "A snapshot whose input is over 120 s old carries _warning; a NaN reaches the wire as 0.0 and is counted")]
    public async Task WarningAndNaN()
    {
        Clock.Advance(TimeSpan.FromSeconds(200));
        Json((await Get("/liq_heatmap_v2?symbol=BTC")).Body).GetProperty("_warning").GetString().Should().Be("Data is 200s old, viewer may be stopped");
        Data["BTCUSDT"].OpenInterest = new("BTCUSDT", new Dictionary<string, double> { ["binance-usdm"] = double.NaN }, double.NaN, NowMs);
        var oi = await Get("/oi");
        oi.Status.Should().Be(HttpStatusCode.OK);
        oi.Body.Should().Contain("\"aggregated_oi\":0.0").And.Contain("\"binance-usdm\":0.0");
        var health = Json((await Get("/v1/health")).Body);
        health.GetProperty("non_finite_replaced").GetInt64().Should().BeGreaterThanOrEqualTo(2);
        health.GetProperty("symbols").EnumerateObject().Select(p => p.Name).Should().Equal("BTC", "ETH", "SOL");
        health.GetProperty("ob_buffers").GetProperty("ETH").GetBoolean().Should().BeFalse();
        await Get("/liq_stats?symbol=doge");
        Json((await Get("/v1/health")).Body).GetProperty("errors_by_status").GetProperty("400").GetInt64().Should().Be(1, "a refused request is counted");
    }

    private async Task Expect(string path, int status, string detail)
    {
        var r = await Get(path);
        ((int)r.Status).Should().Be(status, $"{path}: {r.Body}");
        r.Body.Should().Be(JsonSerializer.Serialize(new { detail }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), path);
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
