using System.Net;
using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using ActorBot.Venues.Simulator.Replay;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>
/// The moonstream API in the running service (<c>actorbot run</c>'s host) on the embedded simulator replaying the bundled
/// day with the real BTC liquidation tape: /liq_heatmap_v2, /liq_zones, /liq_stats and /liq_events answer from the live
/// engines of BTCUSD_PERP (served as BTC), the minute history reaches its ring file, and the probe keeps /health.
/// </summary>
public sealed class MoonstreamServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-api-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(TapeReplay.Options());
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.venues.binance-usdm {
              rest-base-url = "{{_sim.RestUri}}"
              ws-base-url = "{{_sim.WsUri}}"
              market-data = on
              open-interest-poll-interval = 200ms
              contracts { BTCUSD_PERP = inverse-100usd }
            }
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "actorbot run on the simulator serves /liq_heatmap_v2, /liq_zones, /liq_stats and /liq_events with data from the live engines")]
    public async Task ServesLiveLiquidationData()
    {
        var sim = _sim!;
        (await Get("/liq_heatmap_v2?symbol=BTC")).Status.Should().Be(HttpStatusCode.ServiceUnavailable, "warming up before any price");
        await Poll.Until(() => Task.FromResult(sim.Streams.AnySubscribed("btcusd_perp@aggTrade") && sim.Streams.AnySubscribed("btcusd_perp@forceOrder")), x => x, "service subscribed aggTrade and forceOrder", Deadline);
        sim.StartReplay();

        var events = await Until("/liq_events?symbol=BTC&limit=5000", b => b.GetProperty("count").GetInt32() > 0, "liquidations on /liq_events");
        var e = events.GetProperty("events")[0];
        e.GetProperty("symbol").GetString().Should().Be("BTC");
        e.GetProperty("side").GetString().Should().BeOneOf("long", "short");
        e.GetProperty("notional_usd").GetDouble().Should().BeGreaterThan(0);

        var zones = await Until("/liq_zones?symbol=btc", b => b.GetProperty("zones_count").GetInt32() > 0, "zones on /liq_zones");
        zones.GetProperty("zones")[0].GetProperty("tier_contributions").ValueKind.Should().Be(JsonValueKind.Object);

        var v2 = await Until("/liq_heatmap_v2?symbol=BTC", b => b.GetProperty("stats").GetProperty("total_force_orders").GetInt64() > 0 && b.GetProperty("long_levels").GetArrayLength() + b.GetProperty("short_levels").GetArrayLength() > 0, "pools on /liq_heatmap_v2");
        v2.GetProperty("symbol").GetString().Should().Be("BTC");
        v2.GetProperty("prices").GetArrayLength().Should().Be(v2.GetProperty("long_intensity").GetArrayLength());

        var stats = await Until("/liq_stats?symbol=BTC", b => b.GetProperty("history_frames").GetInt32() > 0, "minute history on /liq_stats");
        stats.GetProperty("tape").GetProperty("total_events").GetInt64().Should().BeGreaterThan(0);
        File.Exists(Path.Combine(_dir, "liq_heatmap_v2_BTC.bin")).Should().BeTrue("each minute record is appended to the ring file");
        var history = await Until("/liq_heatmap_v2_history?symbol=BTC", b => b.GetProperty("t").GetArrayLength() > 0, "V2 history rows");
        history.GetProperty("long").GetArrayLength().Should().Be(history.GetProperty("t").GetArrayLength() * history.GetProperty("prices").GetArrayLength());

        var probe = await Get("/health");
        probe.Body.Should().Contain("\"status\":\"healthy\"", "the probe keeps /health; the moonstream health is /v1/health");
        (await Get("/v1/health")).Body.Should().Contain("\"version\":\"3.0.0\"").And.Contain("\"BTC\":{");
    }

    private async Task<JsonElement> Until(string path, Func<JsonElement, bool> ready, string what)
    {
        var body = await Poll.Until(
            async () =>
            {
                var (status, text) = await Get(path);
                return status == HttpStatusCode.OK ? JsonDocument.Parse(text).RootElement.Clone() : (JsonElement?)null;
            },
            b => b is { } x && ready(x),
            what,
            Deadline,
            b => b?.ToString() ?? "no 200");
        return body!.Value;
    }

    private async Task<(HttpStatusCode Status, string Body)> Get(string path)
    {
        using var response = await _http!.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
