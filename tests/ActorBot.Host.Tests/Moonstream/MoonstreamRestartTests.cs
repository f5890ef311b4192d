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
/// Issue 12, "kill and restart; the same zones and weights served": the service runs on the simulator replaying the
/// real BTC liquidation tape with the recorded open interest until it has zones, pools and a calibration; the feed is
/// cut, the service stopped, and a new service on the same state directory (and a simulator that sends nothing) serves
/// the same zones on /liq_zones and the same leverage weights on /liq_stats. The minute-close grace is an hour, so no
/// minute closes without trades while the test reads: what is compared is exactly what was saved.
/// </summary>
public sealed class MoonstreamRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-restart-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => ServiceUnderTest.StopAsync(null, null, _dir);

    [Fact(DisplayName = "After a stop and a restart on the same state, /liq_zones and /liq_stats serve the same zones and leverage weights")]
    public async Task SameZonesAndWeightsAfterRestart()
    {
        string zonesBefore;
        string weightsBefore;
        string calibratorBefore;
        await using (var sim = await Simulator(withData: true))
        {
            var (app, http) = await Service(sim);
            sim.StartReplay();
            var zones = await Until(http, "/liq_zones?symbol=BTC", b => b.GetProperty("zones_count").GetInt32() >= 5, "zones");
            await Until(http, "/actors/user/bot/BTCUSD_PERP/calibrator", b => b.GetProperty("answered").GetBoolean() && b.GetProperty("summary").GetProperty("calibrations").GetInt64() > 0, "a calibration");
            var v2 = await Until(http, "/liq_heatmap_v2?symbol=BTC", b => b.GetProperty("long_levels").GetArrayLength() > 1 && b.GetProperty("short_levels").GetArrayLength() > 1, "several pools on each side (the old chaining gave one)");
            v2.GetProperty("meta").GetProperty("force_orders_total").GetInt64().Should().BePositive("the recorded tape reached the engines");

            // Cut the feed and wait until the closed minutes stop moving (the uncached probe): zones change only when a
            // minute closes, and with an hour of grace none closes without trades. Then read what the stop will save,
            // each route asked for the first time (no cached body).
            await sim.DisposeAsync();
            await Stable(http, "/actors/user/bot/BTCUSD_PERP/liquidations", b => b.GetProperty("answered").GetBoolean() ? b.GetProperty("summary").GetProperty("minutesClosed").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            zonesBefore = ZonesKey(await Until(http, "/liq_zones?symbol=BTC&min_weight=0.0001", _ => true, "zones before the stop"));
            (await Until(http, "/liq_stats?symbol=BTC", _ => true, "stats before the stop")).GetProperty("inference").GetProperty("leverage_weights").EnumerateObject().Should().NotBeEmpty();
            weightsBefore = ProbeWeightsKey(await Until(http, "/actors/user/bot/BTCUSD_PERP/liquidations", b => b.GetProperty("answered").GetBoolean(), "weights /liquidations holds"));
            calibratorBefore = CalibratorKey(await Until(http, "/actors/user/bot/BTCUSD_PERP/calibrator", b => b.GetProperty("answered").GetBoolean(), "calibrator before the stop"));
            zones.GetProperty("zones_count").GetInt32().Should().BePositive();
            await app.StopAsync();
            await app.DisposeAsync();
            http.Dispose();
        }

        await using var quiet = await Simulator(withData: false);
        var (again, http2) = await Service(quiet);
        try
        {
            // /liq_stats needs a price to centre the snapshot on: the restored engines have none until a trade, so the
            // weights are read from /liquidations' probe (the weights it holds) and the zones from /liq_zones.
            var zonesAfter = ZonesKey(await Until(http2, "/liq_zones?symbol=BTC&min_weight=0.0001", b => b.GetProperty("zones_count").GetInt32() > 0, "restored zones"));
            zonesAfter.Should().Be(zonesBefore, "the zones saved at the stop are the zones served after the restart");
            var held = await Until(http2, "/actors/user/bot/BTCUSD_PERP/liquidations", b => b.GetProperty("answered").GetBoolean() && b.GetProperty("summary").GetProperty("weightsApplied").GetInt64() > 0, "restored weights pushed to /liquidations");
            ProbeWeightsKey(held).Should().Be(weightsBefore, "the calibrated weights the inference uses survive the restart");
            var calibrator = await Until(http2, "/actors/user/bot/BTCUSD_PERP/calibrator", b => b.GetProperty("answered").GetBoolean(), "restored calibrator");
            calibrator.GetProperty("summary").GetProperty("restoredFrom").GetString().Should().Be("snapshot");
            CalibratorKey(calibrator).Should().Be(calibratorBefore, "the calibrator's weights, buffer, calibrations and enabled flag are restored");
        }
        finally
        {
            http2.Dispose();
            await again.StopAsync();
            await again.DisposeAsync();
        }
    }

    private static string ZonesKey(JsonElement body) => string.Join(";", body.GetProperty("zones").EnumerateArray()
        .Select(z => $"{z.GetProperty("side").GetString()}@{z.GetProperty("price").GetDouble()}:{z.GetProperty("weight").GetDouble()}:{z.GetProperty("reinforcement_count").GetInt64()}")
        .Order(StringComparer.Ordinal));

    private static string CalibratorKey(JsonElement probe)
    {
        var s = probe.GetProperty("summary");
        return $"{Weights(s.GetProperty("weights"))} buffer={Math.Round(s.GetProperty("buffer").GetDouble(), 12)} calibrations={s.GetProperty("calibrations").GetInt64()} enabled={s.GetProperty("calibrationEnabled").GetBoolean()}";
    }

    private static string ProbeWeightsKey(JsonElement probe) => Weights(probe.GetProperty("summary").GetProperty("leverageWeights"));

    // Weights by tier, rounded to 1e-9: a restored double may differ in its last bit after the JSON round trip.
    private static string Weights(JsonElement byTier) => string.Join(";", byTier.EnumerateObject()
        .Select(p => $"{p.Name}={Math.Round(p.Value.GetDouble(), 9).ToString(System.Globalization.CultureInfo.InvariantCulture)}")
        .Order(StringComparer.Ordinal));

    private static Task<SimulatorHost> Simulator(bool withData) => SimulatorHost.StartAsync(TapeReplay.Options(withData, recordedOpenInterest: true));

    private async Task<(WebApplication App, HttpClient Http)> Service(SimulatorHost sim)
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.liquidations.minute-close-grace = 1h
            actorbot.venues.binance-usdm {
              rest-base-url = "{{sim.RestUri}}"
              ws-base-url = "{{sim.WsUri}}"
              market-data = on
              open-interest-poll-interval = 200ms
              contracts { BTCUSD_PERP = inverse-100usd }
            }
            """);
        var app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    // Two reads in a row agree (and are not empty): the engines have applied every frame that arrived before the cut.
    private static async Task<string> Stable(HttpClient http, string path, Func<JsonElement, string> key)
    {
        string? last = null;
        return (await Poll.Until(
            async () =>
            {
                var now = key(await Until(http, path, _ => true, path));
                var same = now.Length > 0 && now == last;
                last = now;
                return same ? now : null;
            },
            x => x is not null,
            $"{path} stable",
            Deadline))!;
    }

    private static async Task<JsonElement> Until(HttpClient http, string path, Func<JsonElement, bool> ready, string what)
    {
        var body = await Poll.Until(
            async () =>
            {
                using var response = await http.GetAsync(path);
                return response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : (JsonElement?)null;
            },
            b => b is { } x && ready(x),
            what,
            Deadline,
            b => b?.ToString() ?? "no 200");
        return body!.Value;
    }
}
