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

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// The liquidation subtree in the running service: the simulator replays the bundled day with the bundled real
/// liquidation tape and its recorded open interest (as the embedded demo does), the venue subscribes forceOrder/markPrice
/// and polls OI, and <c>/actors</c> shows /liquidations with closed minutes, tape buckets and projections, the recorded
/// OI levels and changes, and /zones with zones.
/// </summary>
public sealed class LiquidationServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-liq-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(TapeReplay.Options(recordedOpenInterest: true));
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

    [Fact(DisplayName = "On the simulator with the real liquidation tape, /actors shows /liquidations with closed minutes, tape buckets and projections, and /zones with active zones")]
    public async Task ActorsShowLiquidationState()
    {
        var sim = _sim!;
        await Poll.Until(() => Task.FromResult(sim.Streams.AnySubscribed("btcusd_perp@aggTrade") && sim.Streams.AnySubscribed("btcusd_perp@forceOrder")), x => x, "service subscribed aggTrade and forceOrder", Deadline);
        sim.StartReplay();

        var liquidations = await Poll.Until(
            () => Summary("/actors/user/bot/BTCUSD_PERP/liquidations"),
            s => s is { } x && x.GetProperty("minutesClosed").GetInt64() >= 3 && x.GetProperty("liquidations").GetInt64() > 0
                && x.GetProperty("tapeLongBuckets").GetInt32() + x.GetProperty("tapeShortBuckets").GetInt32() > 0
                && x.GetProperty("projectedLongBuckets").GetInt32() + x.GetProperty("projectedShortBuckets").GetInt32() > 0,
            "/liquidations with closed minutes, tape buckets and projections",
            Deadline,
            s => s?.ToString() ?? "no answer");
        liquidations!.Value.GetProperty("openInterestBase").GetDouble().Should().BeGreaterThan(0, "the OI poller feeds the symbol in base units");
        liquidations.Value.GetProperty("badTrades").GetInt64().Should().Be(0);

        var zones = await Poll.Until(
            () => Summary("/actors/user/bot/BTCUSD_PERP/zones"),
            s => s is { } x && x.GetProperty("zones").GetInt32() > 0,
            "/zones with active zones",
            Deadline,
            s => s?.ToString() ?? "no answer");
        zones!.Value.GetProperty("minutesApplied").GetInt64().Should().BeGreaterThan(0);
    }

    [Fact(DisplayName = "The OI /liquidations holds is the recorded level the simulator serves (COIN-M contracts back in BTC), and changes by the recorded deltas")]
    public async Task OpenInterestFollowsTheRecording()
    {
        var sim = _sim!;
        var recorded = sim.Replayer.RecordedOpenInterest.Single();
        await Poll.Until(() => Task.FromResult(sim.Streams.AnySubscribed("btcusd_perp@aggTrade")), x => x, "service subscribed aggTrade", Deadline);
        sim.StartReplay();

        // The service polls every 200 ms (minutes of replayed data at 2000×) and converts contracts with its last trade
        // price: its sample matches the level of one of the recorded minutes just served, to within the conversion.
        var first = await Poll.Until(() => MatchedOpenInterest(recorded), m => m is not null, "/liquidations OI at a recorded level", Deadline, m => m?.ToString() ?? "no match");
        var second = await Poll.Until(
            () => MatchedOpenInterest(recorded),
            m => m is { } x && Math.Abs(x.Held - first!.Value.Held) > 1 && x.Minute != first.Value.Minute,
            "/liquidations OI at a later, different recorded level",
            Deadline,
            m => m?.ToString() ?? "no match");
        var recordedChange = (double)(recorded.BaseAt(second!.Value.Minute) - recorded.BaseAt(first!.Value.Minute));
        (second.Value.Held - first.Value.Held).Should().BeApproximately(recordedChange, 1.0, "the held OI changed by the recorded deltas between those minutes");
        first.Value.Held.Should().NotBeApproximately((double)RecordedOpenInterest.DefaultStartBase, 0.001, "the recorded changes apply from the first minute");
    }

    [Fact(DisplayName = "The embedded demo's defaults serve BTCUSD_PERP's recorded OI from 80,000 BTC in contracts, synthetic OI for the rest; a start <= 0 names its key")]
    public async Task DemoDefaultsServeRecordedOpenInterest()
    {
        var settings = EmbeddedSimulatorSettings.FromConfig(ServiceConfiguration.Load(null, _ => null).Config, null, false)!;
        settings.RecordedOpenInterest.Should().ContainSingle().Which.Should().Match<RecordedOpenInterestSource>(r =>
            r.Symbol == "BTCUSD_PERP" && r.Path.EndsWith("oi_deltas_BTC_24h.jsonl.gz", StringComparison.Ordinal) && r.StartBase == 80_000m && r.InverseContractUsd == 100m);
        settings.SyntheticOpenInterest.Should().BeTrue("symbols without a recording keep the synthetic fallback");

        var overrides = Path.Combine(_dir, "bad-start.conf");
        await File.WriteAllTextAsync(overrides, "actorbot.simulator.recorded-open-interest-start { BTCUSD_PERP = 0 }");
        var bad = () => EmbeddedSimulatorSettings.FromConfig(ServiceConfiguration.Load(overrides, _ => null).Config, null, false);
        bad.Should().Throw<Exception>().WithMessage("*recorded-open-interest-start.BTCUSD_PERP must be a positive*");
    }

    // The held OI and the recorded minute (of the last 30 served) whose level it equals to within 0.5 BTC; null: none.
    private async Task<(double Held, long Minute)?> MatchedOpenInterest(RecordedOpenInterest recorded)
    {
        var summary = await Summary("/actors/user/bot/BTCUSD_PERP/liquidations");
        var current = recorded.LastRecordedMinuteMs;
        if (summary is not { } s || s.GetProperty("openInterestBase").ValueKind != JsonValueKind.Number || current == long.MinValue)
        {
            return null;
        }

        var held = s.GetProperty("openInterestBase").GetDouble();
        for (var k = 0; k < 30; k++)
        {
            var minute = current - (k * 60_000L);
            if (Math.Abs((double)recorded.BaseAt(minute) - held) < 0.5)
            {
                return (held, minute);
            }
        }

        return null;
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
