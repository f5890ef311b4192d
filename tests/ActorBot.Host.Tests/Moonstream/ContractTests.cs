using System.Text.Json;
using ActorBot.Engine.Liquidations;
using Akka.Actor;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>
/// Contract: for each recorded snapshot body (Data/moonstream: V1 and V2 heatmaps and the persisted zones of BTC, ETH and
/// SOL) the API serves a body of the identical shape — field names, JSON kinds (int vs float), nesting, and the grid's
/// array lengths — from the real engines' outputs, over HTTP on a loopback port.
/// </summary>
public sealed class ContractTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
    private static readonly string[] GridArrays = ["prices", "long_intensity", "short_intensity", "long_notional_usd", "short_notional_usd", "long_size_btc", "short_size_btc"];
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly Dictionary<string, SymbolData> _data = [];
    private ApiServer? _api;

    public async Task InitializeAsync()
    {
        foreach (var sym in Symbols)
        {
            _data[sym] = new SymbolData();
        }

        var bot = Sys.ActorOf(Props.Create(() => new FakeBot(_data, new FakeBot.Counter())));
        _api = await ApiServer.StartAsync(bot, Symbols, _clock);
    }

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [Theory(DisplayName = "/liq_heatmap_v2 serves the recorded V2 body's shape, grid length included")]
    [InlineData("BTC")]
    [InlineData("ETH")]
    [InlineData("SOL")]
    public async Task V2Shape(string b)
    {
        var recorded = MoonstreamData.Json($"liq_api_snapshot_v2_{b}.json");
        Serve(b, recorded);
        var served = await Get($"/liq_heatmap_v2?symbol={b}");
        JsonShape.AssertSame(recorded, served);
        served.GetProperty("long_levels").GetArrayLength().Should().BeGreaterThan(0, "the engine's pools are served");
        foreach (var name in GridArrays)
        {
            served.GetProperty(name).GetArrayLength().Should().Be(recorded.GetProperty("prices").GetArrayLength(), $"{name} spans the ±10 % grid of src {recorded.GetProperty("src")}");
        }

        served.TryGetProperty("_warning", out _).Should().BeFalse("the data is fresh");
    }

    [Theory(DisplayName = "/liq_heatmap (V1, derived from V2) serves the recorded V1 body's shape, ±8 % grid length included")]
    [InlineData("BTC")]
    [InlineData("ETH")]
    [InlineData("SOL")]
    public async Task V1Shape(string b)
    {
        var recorded = MoonstreamData.Json($"liq_api_snapshot_{b}.json");
        Serve(b, recorded);
        var served = await Get($"/liq_heatmap?symbol={b}");
        JsonShape.AssertSame(recorded, served);
        foreach (var name in GridArrays)
        {
            served.GetProperty(name).GetArrayLength().Should().Be(recorded.GetProperty("prices").GetArrayLength(), name);
        }

        served.GetProperty("price_min").GetDouble().Should().Be(recorded.GetProperty("price_min").GetDouble());
        served.GetProperty("price_max").GetDouble().Should().Be(recorded.GetProperty("price_max").GetDouble());
    }

    [Theory(DisplayName = "/liq_zones serves the recorded zones with the recorded zone fields, tiers as string keys")]
    [InlineData("BTC")]
    [InlineData("ETH")]
    [InlineData("SOL")]
    public async Task ZonesShape(string b)
    {
        var symbol = b + "USDT";
        _data[symbol].Zones = MoonstreamData.Zones(b, symbol);
        var recorded = MoonstreamData.Json($"liq_active_zones_{b}.json");
        var served = await Get($"/liq_zones?symbol={b}");
        served.EnumerateObject().Select(p => p.Name).Should().Equal("symbol", "ts", "zones", "zones_count", "summary", "filters");
        var zones = served.GetProperty("zones");
        zones.GetArrayLength().Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(recorded.GetProperty("zone_count").GetInt32());
        var fields = recorded.GetProperty("zones")[0].EnumerateObject().Select(p => p.Name).ToList();
        foreach (var zone in zones.EnumerateArray())
        {
            zone.EnumerateObject().Select(p => p.Name).Should().Equal(fields, "the zone items keep the recorded fields in order");
            JsonShape.Kind(zone.GetProperty("created_at")).Should().Be("int", "API times are integer epoch ms (SPEC §8.4)");
            JsonShape.Kind(zone.GetProperty("price")).Should().Be("float");
            foreach (var tier in zone.GetProperty("tier_contributions").EnumerateObject())
            {
                int.TryParse(tier.Name, out _).Should().BeTrue();
            }
        }

        served.GetProperty("summary").EnumerateObject().Select(p => p.Name).Should().Equal(
            "active_zones_long", "active_zones_short", "total_weight_long", "total_weight_short", "zones_created_total",
            "zones_reinforced_total", "zones_swept_total", "zones_expired_total", "zones_merged_total");
        served.GetProperty("zones_count").GetInt32().Should().Be(zones.GetArrayLength());
    }

    /// <summary>The real V2 engine's snapshot on the recorded body's src and step, fresh on the test's clock.</summary>
    private void Serve(string b, JsonElement recorded)
    {
        var snapshot = MoonstreamData.V2(b, recorded.GetProperty("src").GetDouble(), recorded.GetProperty("step").GetDouble(), _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        _data[b + "USDT"].Snapshot = new LiquidationSnapshot(b + "USDT", snapshot, null) { LastInputMs = _clock.GetUtcNow().ToUnixTimeMilliseconds() };
    }

    private async Task<JsonElement> Get(string path)
    {
        using var response = await _api!.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
