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
using Microsoft.Playwright;

namespace ActorBot.Host.Tests.Ui;

/// <summary>
/// The heatmap page in headless Chromium against the running service: the simulator replays the bundled day with the
/// recorded BTC liquidation tape, the API serves its minutes and zones, and the page draws them. The canvas screenshot
/// (saved under the test's output dir, heatmap-BTC.png) is decoded and its pixels counted by the page's palette.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class HeatmapPageBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-ui-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        if (!Chromium.Installed)
        {
            return;
        }

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
        if (_sim is not null || _app is not null)
        {
            await ServiceUnderTest.StopAsync(_app, _sim, _dir);
        }
        else
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [ChromiumFact(DisplayName = "/ui/heatmap?symbol=BTC in headless Chromium draws the replayed tape's liquidation heat and its zones over price and time")]
    public async Task PageDrawsTheLiveMaps()
    {
        var sim = _sim!;
        await Poll.Until(() => Task.FromResult(sim.Streams.AnySubscribed("btcusd_perp@forceOrder")), x => x, "service subscribed forceOrder", Deadline);
        sim.StartReplay();
        // Waits on the uncached /actors summaries: /liq_zones (5 s) and the history (30 s) would cache an empty answer.
        // 15 minutes, not 3: the history the page draws is cached from the first ask below for 30 s, and on a loaded
        // machine 3 minutes were too few rows for the heat threshold (760 pixels once).
        await Poll.Until(() => Json("/actors/user/bot/BTCUSD_PERP/liquidations"), s => Summary(s, "minutesClosed") >= 15, "15 closed minutes", Deadline);
        await Poll.Until(() => Json("/actors/user/bot/BTCUSD_PERP/zones"), s => Summary(s, "zones") > 0, "active zones", Deadline);
        await Poll.Until(() => Status("/liq_heatmap_v2?symbol=BTC"), s => s == HttpStatusCode.OK, "/liq_heatmap_v2 past warm-up", Deadline);
        var history = (await Json("/liq_heatmap_v2_history?symbol=BTC"))!.Value;
        history.GetProperty("t").GetArrayLength().Should().BeGreaterThan(0, "the API serves the replayed minutes the page will draw");

        var page = await Chromium.PageAsync(chromium.Browser);
        try
        {
            var pageErrors = new List<string>();
            page.PageError += (_, e) => pageErrors.Add(e);
            await page.GotoAsync(new Uri(_http!.BaseAddress!, "/ui/heatmap?symbol=BTC").ToString());
            await HeatmapPageDriver.WaitDrawnAsync(page, "+d.liqRows > 0 && +d.zones > 0");

            var canvas = page.Locator("#heatmap");
            var liqPlot = Plot.Parse((await canvas.GetAttributeAsync("data-liq-plot"))!);
            var zones = int.Parse((await canvas.GetAttributeAsync("data-zones"))!, System.Globalization.CultureInfo.InvariantCulture);
            var png = await canvas.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "heatmap-BTC.png") });
            var status = await page.Locator("#status").InnerTextAsync();

            var shot = new CanvasShot(png);
            shot.Width.Should().Be(1200, "the canvas is screenshotted at device scale 1");
            var heat = shot.Count(liqPlot, CanvasShot.LongHeat) + shot.Count(liqPlot, CanvasShot.ShortHeat);
            var zoneMarks = shot.Count(liqPlot, CanvasShot.LongZone) + shot.Count(liqPlot, CanvasShot.ShortZone);
            // The pixel count depends on how many minutes the cached history holds and how far the price range is widened
            // (646 to over 2000 seen); a blank or failed plot has none, so a few hundred is the sign of drawn data.
            heat.Should().BeGreaterThan(300, "the plot shows the liquidation heat of the replayed minutes");
            zoneMarks.Should().BeGreaterThan(zones * 10, $"each of the {zones} zones on the chart is a horizontal mark in its side's colour");
            status.Should().Contain("last update").And.Contain("liquidation data age");
            (await page.Locator("#errors li").AllInnerTextsAsync()).Should().NotContain(e => e.StartsWith("liquidation history", StringComparison.Ordinal) || e.StartsWith("zones", StringComparison.Ordinal));
            pageErrors.Should().BeEmpty("the script runs without exceptions");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static long Summary(JsonElement? probe, string field) =>
        probe is { } x && x.GetProperty("answered").GetBoolean() ? x.GetProperty("summary").GetProperty(field).GetInt64() : -1;

    private async Task<HttpStatusCode> Status(string path)
    {
        using var response = await _http!.GetAsync(path);
        return response.StatusCode;
    }

    private async Task<JsonElement?> Json(string path)
    {
        using var response = await _http!.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
    }
}
