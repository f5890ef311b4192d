using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Host.Cli;
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

    /// <summary>Starts the service in paper mode on the simulator, replays, and waits until a paper trade filled and closed.</summary>
    private async Task<(ActorSystem System, IActorRef Paper, PaperExecutionStatus Status)> RunUntilAPaperTradeClosed()
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
        var system = _app.Services.GetRequiredService<ActorSystem>();
        // Where testnet's execution runs: the venue subtree's `execution` child (DESIGN.md), reached by path as /risk does.
        var paper = await Poll.Resolve(system, VenueTrading.ExecutionPath("binance-usdm"), Deadline);
        await Poll.Until(() => Task.FromResult(_sim.Streams.AnySubscribed("btcusd_perp@aggTrade")), x => x, "service subscribed", Deadline);
        _sim.StartReplay();

        var status = await Poll.Until(
            () => paper.Ask<PaperExecutionStatus>(GetPaperExecutionStatus.Instance, TimeSpan.FromSeconds(5)),
            s => s.Fills >= 1 && s.ClosesByReason.Count > 0,
            "a paper trade filled and closed",
            Deadline,
            s => $"fills {s.Fills}, closes {s.ClosesByReason.Count}, refused {string.Join(",", s.RefusedByReason)}");
        return (system, paper, status);
    }

    [Fact(DisplayName = "Paper: entries pass /risk and fill in process on the venue's prints; no key, no keyed request, no venue order")]
    public async Task Paper_trades_pass_risk()
    {
        var (system, _, status) = await RunUntilAPaperTradeClosed();

        status.FeesUsd.Should().BeGreaterThan(0, "every fill pays the taker fee");
        status.SlippageUsd.Should().BeGreaterThan(0, "1 bps of slippage on every fill");
        // The entry went through /risk: it was sized and approved there (only risk sends PlaceEntry), and the drop counters are live.
        var risk = await system.ActorSelection("/user/bot/risk").Ask<RiskStatus>(GetRiskStatus.Instance, TimeSpan.FromSeconds(5));
        risk.DropsByReason.Should().ContainKey("safe_pause");

        var address = _app!.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var metrics = await http.GetStringAsync("/metrics");
        metrics.Should().Contain("risk_drops_total{reason=\"daily_cap\"}").And.Contain("actorbot_paper_fills_total").And.Contain("actorbot_paper_closes_total{reason=");
        var strategy = await http.GetStringAsync("/strategy");
        strategy.Should().Contain("opened", "the trader recorded the routed entry");

        _sim!.KeyedRequests.Should().Be(0, "paper never calls a signed or keyed endpoint");
        _sim.Engine.OrderCount.Should().Be(0, "no order reached the venue");
        _sim.Engine.ClientOrderIds.Should().BeEmpty();
        var market = _app.Services.GetRequiredService<IRequiredActor<VenuesActor>>().ActorRef;
        (await market.Ask<MarketStreamStatus>(new AskVenue("binance-usdm", GetMarketStreamStatus.Instance), TimeSpan.FromSeconds(5))).TradesForwarded.Should().BeGreaterThan(0);
    }

    [Fact(DisplayName = "Paper: the execution runs at /user/venues/{venue}/execution; telemetry has route-paper order and fill lines for every trade, valid by telemetry check; the summary's PnL is paper's")]
    public async Task Paper_execution_in_the_venue_subtree_with_telemetry()
    {
        var (system, _, _) = await RunUntilAPaperTradeClosed();
        // The strategy records the close after the paper execution journals it (via /risk and the trader).
        var strategy = await Poll.Until(
            () => system.ActorSelection("/user/strategy").Ask<StrategyStatus>(GetStrategyStatus.Instance, TimeSpan.FromSeconds(5)),
            s => s.Trades >= 1,
            "the strategy recorded a closed trade",
            Deadline);
        strategy.RoutedTrades.Should().Be(strategy.Trades, "every paper trade goes through the paper execution");
        strategy.RoutedPnlSource.Should().Be(PnlSources.Paper);
        strategy.RecentTrades.Should().OnlyContain(t => t.PnlSource == PnlSources.Paper && t.PnlUsd != null);

        // /actors walks the tree and finds it where testnet's execution runs; nothing is left at the old /user/execution-{venue}.
        var address = _app!.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var tree = JsonDocument.Parse(await http.GetStringAsync("/actors")).RootElement.GetProperty("actors").EnumerateArray()
            .ToDictionary(a => a.GetProperty("path").GetString()!, a => a.Clone());
        tree["/user/venues/binance-usdm/execution"].GetProperty("type").GetString().Should().Be(nameof(PaperExecutionActor));
        tree["/user/venues/binance-usdm/execution"].GetProperty("answered").GetBoolean().Should().BeTrue();
        tree.Keys.Should().NotContain("/user/execution-binance-usdm");

        // The summary finds the execution there (no "did not answer"), and says whose PnL it reports.
        var summary = await RunSummary.CollectAsync(system, "binance-usdm", TimeSpan.FromSeconds(1), CancellationToken.None);
        summary.Mode.Should().Be("paper");
        summary.Missing.Should().BeEmpty();
        summary.PnlSource.Should().Be(PnlSources.Paper);
        summary.ToText().Should().Contain("USD (paper fills, net of modelled fees and slippage)").And.NotContain("venue realised");

        // Flushes the buffer, then the file holds every line received so far.
        await system.ActorSelection("/user/telemetry").Ask<TelemetryStatus>(GetTelemetryStatus.Instance, TimeSpan.FromSeconds(5));
        var file = Path.Combine(_dir, "telemetry.jsonl");
        using (var stdout = new StringWriter())
        using (var stderr = new StringWriter())
        {
            TelemetryCommand.Check(file, stdout, stderr).Should().Be(0, stderr.ToString());
        }

        var lines = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var closed = lines.Where(l => l.GetProperty("type").GetString() == "trade_closed").ToList();
        closed.Should().NotBeEmpty();
        var execution = lines.Where(l => l.GetProperty("type").GetString() is "order" or "fill" or "position_closed").ToList();
        execution.Should().OnlyContain(l => l.GetProperty("route").GetString() == "paper" && l.GetProperty("venue").GetString() == "binance-usdm");
        foreach (var trade in closed)
        {
            var id = trade.GetProperty("event_id").GetString();
            var of = execution.Where(l => l.GetProperty("event_id").GetString() == id).ToList();
            of.Should().ContainSingle(l => l.GetProperty("type").GetString() == "order" && l.GetProperty("kind").GetString() == "entry" && l.GetProperty("status").GetString() == "sent", id);
            var entry = of.Single(l => l.GetProperty("type").GetString() == "fill" && l.GetProperty("leg").GetString() == "entry");
            entry.GetProperty("price").GetDouble().Should().Be(trade.GetProperty("entry_price").GetDouble(), id);
            var exit = of.Single(l => l.GetProperty("type").GetString() == "fill" && l.GetProperty("leg").GetString() != "entry");
            exit.GetProperty("price").GetDouble().Should().Be(trade.GetProperty("exit_price").GetDouble(), id);
            exit.GetProperty("trade_id").GetInt64().Should().BeGreaterThan(0, "the id of the print it filled at");
            of.Single(l => l.GetProperty("type").GetString() == "position_closed").GetProperty("realized_pnl_usd").GetDecimal()
                .Should().Be(trade.GetProperty("pnl_usd").GetDecimal(), id);
        }

        _sim!.Engine.OrderCount.Should().Be(0, "telemetry of paper orders, none on the venue");

        // doctor reads the paper execution's journal (its persistence id unchanged by the move).
        using var doctor = new StringWriter();
        using var doctorError = new StringWriter();
        (await DoctorCommand.RunAsync(Path.Combine(_dir, "override.conf"), null, doctor, doctorError, CancellationToken.None)).Should().Be(0, doctorError.ToString());
        doctor.ToString().Should().Contain("doctor persistence paper-execution-binance-usdm").And.MatchRegex(@"doctor paper-execution-binance-usdm: [1-9]\d* paper fills, [1-9]\d* closed");
    }
}
