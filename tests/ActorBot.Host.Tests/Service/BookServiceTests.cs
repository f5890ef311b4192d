using System.Net;
using System.Text.Json;
using ActorBot.Data.Heatmaps;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using ActorBot.Venues.Simulator.Replay;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// /book in the running service on the demo's data: the simulator replays the bundled BTCUSD_PERP day with the bundled
/// real BTCUSDT book window as its depth (re-based, as the embedded demo does), the venue subscribes the depth stream on
/// /public and fetches the symbol's snapshot, and <c>/actors</c> shows /book synced with frames, written to its ring file.
/// </summary>
public sealed class BookServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-book-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            Symbols = [SymbolSpec.Default("BTCUSD_PERP")],
            DataFiles = [Path.Combine(data, "binance", "BTCUSD_PERP-aggTrades-2026-05-08.zip")],
            DepthWindows = [new DepthWindowSource("BTCUSD_PERP", Path.Combine(data, "binance", "depth", "btcusdt_20240808_depth_125s.gz"))],
            Speed = 2000,
            RebaseTimestamps = true,
            AutoStartReplay = false,
        });
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.venues.binance-usdm {
              rest-base-url = "{{_sim.RestUri}}"
              ws-base-url = "{{_sim.WsUri}}"
              market-data = on
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

    [Fact(DisplayName = "On the demo's data the service's /book syncs on BTCUSD_PERP's own snapshot and takes 30 s frames into its ring file; /metrics counts them")]
    public async Task ActorsShowBookFrames()
    {
        var sim = _sim!;
        await Poll.Until(() => Task.FromResult(sim.Streams.AnySubscribed("btcusd_perp@aggTrade") && sim.Streams.AnySubscribed("btcusd_perp@depth@100ms")), x => x, "service subscribed aggTrade and depth", Deadline);
        sim.StartReplay();

        var book = await Poll.Until(
            () => Summary("/actors/user/bot/BTCUSD_PERP/book"),
            s => s is { } x && x.GetProperty("framesTaken").GetInt64() >= 3 && x.GetProperty("state").GetString() == "Synced",
            "/book synced with frames",
            Deadline,
            s => s?.ToString() ?? "no answer");
        var b = book!.Value;
        b.GetProperty("otherSymbolSnapshots").GetInt64().Should().Be(0);
        b.GetProperty("counters").GetProperty("snapshots").GetInt64().Should().BeGreaterThan(0);
        b.GetProperty("bestBid").GetDecimal().Should().BeLessThan(b.GetProperty("bestAsk").GetDecimal());
        await Poll.Until(() => Task.FromResult(RingFileReader.ReadLast(HeatmapFiles.OrderBookFrames(_dir, "BTCUSD_PERP"), 4096).Records.Count), c => c > 0, "frames in the ring file", Deadline);

        var metrics = await _http!.GetStringAsync("/metrics");
        metrics.Should().Contain("actorbot_book_frames_total{symbol=\"BTCUSD_PERP\"}");
    }

    [Fact(DisplayName = "The embedded demo's defaults replay the bundled book window as BTCUSD_PERP's depth")]
    public void DemoDefaultsServeADepthWindow()
    {
        var settings = EmbeddedSimulatorSettings.FromConfig(ServiceConfiguration.Load(null, _ => null).Config, null, false)!;
        settings.DepthWindows.Should().ContainSingle(w => w.Symbol == "BTCUSD_PERP" && w.Path.EndsWith("btcusdt_20240808_depth_125s.gz", StringComparison.Ordinal));
    }

    private async Task<JsonElement?> Summary(string path)
    {
        using var response = await _http!.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var node = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return node.GetProperty("answered").GetBoolean() ? node.GetProperty("summary").Clone() : null;
    }
}
