using ActorBot.Domain.Modes;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Host.Tests.Strategy;

/// <summary>
/// `run` in paper mode against the local simulator's public trade stream: entries go trader → /risk → the in-process
/// paper execution, which fills on the streamed prints. No API key is configured and no keyed request reaches the venue.
/// </summary>
public sealed class PaperOrdersTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-paper-").FullName;
    private readonly string _profile = Path.Combine(AppContext.BaseDirectory, "configs", "snap_harvester_btc.yaml");
    private SimulatorHost? _sim;
    private WebApplication? _app;

    public async Task InitializeAsync() =>
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            DataFiles = ReplayConfig.Load(_profile).DataFiles,
            // As the testnet test: 5,000× real time, so SAFE_PAUSE's wall-clock hysteresis clears before the first signals.
            Speed = 5_000,
            AutoStartReplay = false,
            RebaseTimestamps = true,
        });

    public async Task DisposeAsync()
    {
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "Paper: entries pass /risk and fill in process on the venue's prints; no key, no keyed request, no venue order")]
    public async Task Paper_trades_pass_risk()
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.strategy.profile = "{{_profile}}"
            actorbot.safe-pause.stale-timeout = 120s
            actorbot.safe-pause.clear-hysteresis = 200ms
            actorbot.paper { fill-mode = marketable, slippage-bps = 1, taker-fee-bps = 5 }
            actorbot.venues.binance-usdm {
              rest-base-url = "{{_sim!.RestUri}}"
              ws-base-url = "{{_sim.WsUri}}"
              stream-stall-timeout = 60s
              contracts { BTCUSD_PERP = inverse-100usd }
            }
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Paper, httpPortOverride: 0);
        await _app.StartAsync();
        var paper = _app.Services.GetRequiredService<IRequiredActor<PaperExecutionActor>>().ActorRef;
        await Poll.Until(() => Task.FromResult(_sim.Streams.AnySubscribed("btcusd_perp@aggTrade")), x => x, "service subscribed", Deadline);
        _sim.StartReplay();

        var status = await Poll.Until(
            () => paper.Ask<PaperExecutionStatus>(GetPaperExecutionStatus.Instance, TimeSpan.FromSeconds(5)),
            s => s.Fills >= 1 && s.ClosesByReason.Count > 0,
            "a paper trade filled and closed",
            Deadline,
            s => $"fills {s.Fills}, closes {s.ClosesByReason.Count}, refused {string.Join(",", s.RefusedByReason)}");

        status.FeesUsd.Should().BeGreaterThan(0, "every fill pays the taker fee");
        status.SlippageUsd.Should().BeGreaterThan(0, "1 bps of slippage on every fill");
        // The entry went through /risk: it was sized and approved there (only risk sends PlaceEntry), and the drop counters are live.
        var system = _app.Services.GetRequiredService<ActorSystem>();
        var risk = await system.ActorSelection("/user/bot/risk").Ask<RiskStatus>(GetRiskStatus.Instance, TimeSpan.FromSeconds(5));
        risk.DropsByReason.Should().ContainKey("safe_pause");

        var address = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var metrics = await http.GetStringAsync("/metrics");
        metrics.Should().Contain("risk_drops_total{reason=\"daily_cap\"}").And.Contain("actorbot_paper_fills_total").And.Contain("actorbot_paper_closes_total{reason=");
        var strategy = await http.GetStringAsync("/strategy");
        strategy.Should().Contain("opened", "the trader recorded the routed entry");

        _sim.KeyedRequests.Should().Be(0, "paper never calls a signed or keyed endpoint");
        _sim.Engine.OrderCount.Should().Be(0, "no order reached the venue");
        _sim.Engine.ClientOrderIds.Should().BeEmpty();
        var market = _app.Services.GetRequiredService<IRequiredActor<VenuesActor>>().ActorRef;
        (await market.Ask<MarketStreamStatus>(new AskVenue("binance-usdm", GetMarketStreamStatus.Instance), TimeSpan.FromSeconds(5))).TradesForwarded.Should().BeGreaterThan(0);
    }
}
