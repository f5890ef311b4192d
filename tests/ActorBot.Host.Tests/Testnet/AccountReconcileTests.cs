using System.Net;
using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Host.Service;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>
/// The running service in testnet mode with the simulator's keys: /user/venues/binance-usdm/account sets leverage and
/// margin type, answers GET /venues/binance-usdm/account, and a position opened on the venue behind the bot's back
/// becomes drift lines, a counter on /metrics and, once it persists, SAFE_PAUSE on /ready — cleared when flattened.
/// </summary>
public sealed class AccountReconcileTests : IAsyncLifetime
{
    private const string Btc = "BTCUSDT";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-account-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _probe;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0 });
        _sim.PublishTrade(Btc, 100m, 1m, 1);
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSDT]
            actorbot.safe-pause.clear-hysteresis = 100ms
            actorbot.venues.binance-usdm {
              testnet.rest-base-url = "{{_sim.RestUri}}"
              testnet.ws-base-url = "{{_sim.WsUri}}"
              leverage = 3
              margin-type = ISOLATED
              account.reconcile-interval = 150ms
              account.drift-persist-checks = 2
            }
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Testnet, httpPortOverride: 0, ServiceUnderTest.WithSimulatorKeys());

        await _app.StartAsync();
        _probe = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
    }

    public async Task DisposeAsync()
    {
        _probe?.Dispose();
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "Testnet: leverage/margin type set, GET /venues/{v}/account answers; a position behind the bot's back → reconcile_drift.jsonl, reconcile_drift_total, SAFE_PAUSE on /ready; flattened → cleared")]
    public async Task DriftReachesReadyAndClears()
    {
        var system = _app!.Services.GetRequiredService<ActorSystem>();
        var execution = await Poll.Resolve(system, "/user/venues/binance-usdm/execution", TimeSpan.FromSeconds(10));
        // Restart-flatten done first: it would flatten a foreign position opened before it read the venue.
        await Poll.Until(() => execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, Deadline), s => s.Phase == ExecutionPhase.Ready, "execution ready", Deadline, s => s.Phase.ToString());
        var account = await Poll.Until(AccountJson, a => a is { } j && j.GetProperty("reconciles").GetInt64() >= 1, "account reconciled once", Deadline, a => a?.ToString() ?? "no answer");
        account!.Value.GetProperty("setup")[0].GetProperty("status").GetString().Should().Be("ok");
        account.Value.GetProperty("balances")[0].GetProperty("asset").GetString().Should().Be("USDT");
        _sim!.Engine.MarginSettings(Btc).Should().Be((3, "isolated"));
        (await _probe!.GetAsync("/venues/nowhere/account")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var http = new HttpClient();
        var rest = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = _sim.RestUri }, new BinanceCredentials("sim-api-key", "sim-api-secret"), new DecodeErrorCounter());
        (await rest.PlaceOrderAsync(new NewOrder(Btc, "BUY", "MARKET", "behind-the-back", 0.2m))).IsSuccess.Should().BeTrue();

        await Poll.Until(ReadyBody, b => b.Contains("reconcile_drift on binance-usdm", StringComparison.Ordinal), "SAFE_PAUSE reconcile_drift on /ready", Deadline);
        var metrics = await _probe.GetStringAsync("/metrics");
        metrics.Should().MatchRegex("reconcile_drift_total\\{venue=\"binance-usdm\",kind=\"position_qty\"\\} [1-9]");
        var lines = File.ReadAllLines(Path.Combine(_dir, "reconcile_drift.jsonl"));
        lines.Should().Contain(l => l.Contains("\"kind\":\"position_qty\"", StringComparison.Ordinal) && l.Contains("\"symbol\":\"BTCUSDT\"", StringComparison.Ordinal));

        (await rest.PlaceOrderAsync(new NewOrder(Btc, "SELL", "MARKET", "flatten-by-hand", 0.2m, ReduceOnly: true))).IsSuccess.Should().BeTrue();
        await Poll.Until(ReadyBody, b => !b.Contains("reconcile_drift", StringComparison.Ordinal), "reconcile_drift cleared on /ready", Deadline);
    }

    private async Task<string> ReadyBody() => await (await _probe!.GetAsync("/ready")).Content.ReadAsStringAsync();

    private async Task<JsonElement?> AccountJson()
    {
        var response = await _probe!.GetAsync("/venues/binance-usdm/account");
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : null;
    }
}
