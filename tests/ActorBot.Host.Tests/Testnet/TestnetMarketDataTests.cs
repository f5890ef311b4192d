using System.Net;
using System.Net.Http.Json;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Venues;
using ActorBot.Host.Service;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>
/// <c>actorbot run --trade-mode testnet</c> end to end over real loopback sockets: the in-process simulator
/// replays a real Binance recording, the service's venue subtree streams it into the bot, and /ready follows
/// SAFE_PAUSE through a silent WebSocket stall injected with the simulator's fault API.
/// </summary>
public sealed class TestnetMarketDataTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-testnet-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _http;
    private HttpClient? _admin;

    public async Task InitializeAsync()
    {
        // Speed 5: the 100 s recording lasts 20 s of wall time, longer than the test; trades arrive every
        // ~10 ms on average with the longest quiet stretch well under the 2 s stale timeout.
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            DataFiles = [Path.Combine(AppContext.BaseDirectory, "Data", "hftbacktest", "btcusdt_20230404.dat.gz")],
            Speed = 5,
            AutoStartReplay = false,
            // The 2023 recording is served with current times, as a testnet would: staleness is judged on trade time.
            RebaseTimestamps = true,
        });
        _admin = new HttpClient { BaseAddress = _sim.RestUri };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        _admin?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "Testnet mode: /ready is 503 until replayed market data flows, then 200; a silent WS stall makes it 503 with a stale/disabled reason until the fault is cleared")]
    public async Task ReadyFollowsMarketDataThroughAStall()
    {
        await StartServiceAsync(TradeMode.Testnet, _sim!.RestUri, _sim.WsUri);

        var before = await ReadyAsync();
        before.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        before.Body.Should().Contain("stale market data for BTCUSDT");

        // Replay only once the service's stream is subscribed, so the first trades reach it.
        await Poll.Until(() => Task.FromResult(_sim.Streams.AnySubscribed("btcusdt@aggTrade")), x => x, "service subscribed btcusdt@aggTrade", Deadline);
        _sim.StartReplay();
        await Poll.Until(ReadyAsync, r => r.Status == HttpStatusCode.OK, "/ready 200 once data flows", Deadline, r => r.Body);

        await SetStallAsync(true);
        var stalled = await Poll.Until(
            ReadyAsync,
            r => r.Status == HttpStatusCode.ServiceUnavailable && r.Body.Contains("venue binance-usdm disabled") && r.Body.Contains("stale market data for BTCUSDT"),
            "/ready 503: stale data, then the venue disabled after the grace period",
            Deadline,
            r => r.Body);
        stalled.Body.Should().Contain("SAFE_PAUSE");

        await SetStallAsync(false);
        await Poll.Until(ReadyAsync, r => r.Status == HttpStatusCode.OK, "/ready 200 again after the fault is cleared", Deadline, r => r.Body);

        // The trades dropped during the stall were fetched over REST by id; nothing failed to decode.
        var market = await MarketStatusAsync();
        market.StallsDetected.Should().BeGreaterThanOrEqualTo(1);
        market.Reconnects.Should().BeGreaterThanOrEqualTo(1, "the stalled socket was recycled");
        market.Backfills.Should().BeGreaterThanOrEqualTo(1);
        market.TradesBackfilled.Should().BeGreaterThan(0);
        market.DecodeErrors.Should().Be(0);
        market.TradesForwarded.Should().BeGreaterThan(0, "every trade reaches the symbol's tree");

        var metrics = await _http!.GetStringAsync("/metrics");
        metrics.Should().Contain("actorbot_venue_healthy{venue=\"binance-usdm\"} 1")
            .And.Contain("actorbot_venue_decode_errors_total{venue=\"binance-usdm\"} 0")
            .And.MatchRegex("actorbot_venue_market_stream_stalls_total\\{venue=\"binance-usdm\"\\} [1-9]");
    }

    [Fact(DisplayName = "Shadow with market-data = on and an unreachable venue: nothing hangs, SAFE_PAUSE says the venue is disabled and the service stops promptly")]
    public async Task UnreachableVenueKeepsSafePause()
    {
        // Port 1 on loopback: connects are refused at once, like a venue with no network path.
        await StartServiceAsync(TradeMode.Shadow, new Uri("http://127.0.0.1:1"), new Uri("ws://127.0.0.1:1"), "actorbot.venues.binance-usdm.market-data = on");

        var ready = await Poll.Until(ReadyAsync, r => r.Body.Contains("venue binance-usdm disabled"), "venue disabled after the grace period", Deadline, r => r.Body);
        ready.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.Body.Should().Contain("stale market data for BTCUSDT");
        (await _http!.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _http.GetStringAsync("/metrics")).Should().Contain("actorbot_venue_healthy{venue=\"binance-usdm\"} 0");

        var stopping = _app!.StopAsync();
        (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(stopping, "stopping must not wait on a venue that never answered");
    }

    private async Task StartServiceAsync(TradeMode mode, Uri rest, Uri ws, string extra = "")
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSDT]
            actorbot.safe-pause.stale-timeout = 2s
            actorbot.safe-pause.clear-hysteresis = 200ms
            actorbot.venues.binance-usdm {
              enabled = true
              rest-base-url = "{{rest}}"
              ws-base-url = "{{ws}}"
              testnet { rest-base-url = "{{rest}}", ws-base-url = "{{ws}}" }
              connect-timeout = 2s
              reconnect-max-delay = 200ms
              stream-stall-timeout = 1s
              disabled-grace = 1s
            }
            {{extra}}
            """);
        var configuration = ServiceConfiguration.Load(overrides, _ => null);
        _app = ServiceHost.Build(configuration, mode, httpPortOverride: 0);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    private async Task<(HttpStatusCode Status, string Body)> ReadyAsync()
    {
        using var response = await _http!.GetAsync("/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<MarketStreamStatus> MarketStatusAsync() =>
        _app!.Services.GetRequiredService<IRequiredActor<VenuesActor>>().ActorRef
            .Ask<MarketStreamStatus>(new AskVenue("binance-usdm", GetMarketStreamStatus.Instance), TimeSpan.FromSeconds(2));

    private async Task SetStallAsync(bool on)
    {
        using var response = await _admin!.PostAsJsonAsync("/admin/faults", new { wsStall = on });
        response.EnsureSuccessStatusCode();
        _sim!.Faults.WsStall.Should().Be(on);
    }
}
