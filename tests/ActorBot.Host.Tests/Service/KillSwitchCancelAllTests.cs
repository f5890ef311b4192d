using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// The kill switch's cancel-all through the running service: `run` in testnet against the venue simulator over
/// loopback (the simulator's keys in the environment), a bracketed position opened through the service's execution
/// actor and a resting order next to it, then <c>POST /kill</c> with the token. Within 1 s of the POST, measured on
/// the wall clock, the venue has no open order and no open algo order (and, with <c>kill-switch.flatten</c>, no
/// position); the POST's answer reports the counts.
/// </summary>
public sealed class KillSwitchCancelAllTests : IAsyncLifetime
{
    private const string Token = "test-kill-token-c4n3";
    private const string Btc = "BTCUSDT";
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-kill-venue-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, AutoStartReplay = false });
        _sim.PublishTrade(Btc, 100m, 1m, 1);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "POST /kill in testnet: within 1 s no open order and no open algo order on the venue; the answer counts them; the position stays (flatten off)")]
    public async Task Kill_cancels_everything_within_one_second()
    {
        var execution = await StartService(flatten: false);
        await OpenBracketedPositionAndRestingOrder(execution);

        var (took, answer) = await KillAndWaitUntil(() => OpenOrders() == 0 && _sim!.Engine.OpenAlgoOrderCount == 0);

        took.Should().BeLessThan(OneSecond, "cancel-all on every venue within 1 s of the POST");
        var cancelAll = answer.GetProperty("cancelAll");
        cancelAll.GetProperty("ordersCanceled").GetInt32().Should().Be(1);
        cancelAll.GetProperty("algoOrdersCanceled").GetInt32().Should().Be(2);
        cancelAll.GetProperty("positionsFlattened").GetInt32().Should().Be(0);
        cancelAll.GetProperty("tookMs").GetDouble().Should().BeLessThan(OneSecond.TotalMilliseconds);
        _sim!.Engine.PositionAmount(Btc).Should().Be(1m, "without kill-switch.flatten the position is left to the operator");
    }

    [Fact(DisplayName = "POST /kill with kill-switch.flatten: within 1 s no open order, no open algo order and no position; the answer counts the flatten")]
    public async Task Kill_with_flatten_leaves_the_venue_flat_within_one_second()
    {
        var execution = await StartService(flatten: true);
        await OpenBracketedPositionAndRestingOrder(execution);

        var (took, answer) = await KillAndWaitUntil(() =>
            OpenOrders() == 0 && _sim!.Engine.OpenAlgoOrderCount == 0 && _sim.Engine.PositionAmount(Btc) == 0m);

        took.Should().BeLessThan(OneSecond, "cancel-all and flatten within 1 s of the POST");
        var cancelAll = answer.GetProperty("cancelAll");
        cancelAll.GetProperty("ordersCanceled").GetInt32().Should().Be(1);
        cancelAll.GetProperty("algoOrdersCanceled").GetInt32().Should().Be(2);
        cancelAll.GetProperty("positionsFlattened").GetInt32().Should().Be(1);
        (await _http!.GetStringAsync("/kill")).Should().Contain("\"positionsFlattened\":1", "GET /kill shows the last cancel-all");
    }

    private async Task<IActorRef> StartService(bool flatten)
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [{{Btc}}]
            actorbot.strategy.profile = ""
            actorbot.kill-switch.flatten = {{(flatten ? "on" : "off")}}
            actorbot.venues.binance-usdm {
              testnet.rest-base-url = "{{_sim!.RestUri}}"
              testnet.ws-base-url = "{{_sim.WsUri}}"
            }
            """);
        // The venue keys come from the host's environment (never from config): this test's, not the process's.
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Testnet, httpPortOverride: 0,
            ServiceUnderTest.WithSimulatorKeys(new Dictionary<string, string?> { [KillEndpoints.TokenVariable] = Token }));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        // /user/venues/{venue}/execution is created once the host runs (the venue subtree starts after the bot).
        var execution = await Poll.Resolve(_app.Services.GetRequiredService<ActorSystem>(), "/user/venues/binance-usdm/execution", Deadline);
        await Poll.Until(() => Phase(execution), p => p == ExecutionPhase.Ready, "restart-flatten done", Deadline, p => p?.ToString() ?? "no answer (recovering)");
        return execution;
    }

    // Null while the actor recovers its journal (it answers nothing then); the poll asks again.
    private static async Task<ExecutionPhase?> Phase(IActorRef execution)
    {
        try
        {
            return (await execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromSeconds(1))).Phase;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>A long of 1 through the service's execution (MARKET entry, SL and TP on the Algo API) and a foreign resting LIMIT.</summary>
    private async Task OpenBracketedPositionAndRestingOrder(IActorRef execution)
    {
        var filled = await execution.Ask<EntryFilled>(r => new PlaceEntry(Btc, "ev-kill", 1_700_000_000_000, 1, 1m, 95m, 106m, r), Deadline, CancellationToken.None);
        filled.Quantity.Should().Be(1m);
        await Poll.Until(() => Task.FromResult(_sim!.Engine.OpenAlgoOrderCount), n => n == 2, "both brackets working on the venue", Deadline, n => $"{n} algo orders");
        var resting = _sim!.Engine.PlaceOrder(new Dictionary<string, string>
        {
            ["symbol"] = Btc,
            ["side"] = "BUY",
            ["type"] = "LIMIT",
            ["quantity"] = "1",
            ["price"] = "50",
            ["timeInForce"] = "GTC",
            ["newClientOrderId"] = "manual-1",
        });
        resting.HttpStatus.Should().Be(200, resting.Json);
        OpenOrders().Should().Be(1);
        _sim.Engine.PositionAmount(Btc).Should().Be(1m);

        // Warm the probe's POST route and connection (a refused kill), so the timing below is the kill's, not the JIT's.
        (await Post(token: "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>POST /kill with the token, then a bounded poll until the venue shows <paramref name="done"/>; the time is from just before the POST.</summary>
    private async Task<(TimeSpan Took, JsonElement Answer)> KillAndWaitUntil(Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        using var response = await Post(Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await Poll.Until(() => Task.FromResult(done()), x => x, "the venue shows the kill's effect", Deadline, _ =>
            $"open orders {OpenOrders()}, open algo orders {_sim!.Engine.OpenAlgoOrderCount}, position {_sim.Engine.PositionAmount(Btc)}");
        var took = clock.Elapsed;
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (took, body.RootElement.Clone());
    }

    private async Task<HttpResponseMessage> Post(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/kill");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http!.SendAsync(request);
    }

    private int OpenOrders()
    {
        using var open = JsonDocument.Parse(_sim!.Engine.OpenOrders(null).Json);
        return open.RootElement.GetArrayLength();
    }
}
