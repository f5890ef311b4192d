using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Scenarios.ScenarioA;

/// <summary>
/// One running service (<c>run</c> in testnet, built by <see cref="ServiceHost.Build"/> as the CLI does) trading
/// BTCUSDT on its own in-process venue simulator over loopback, with the simulator's keys; no strategy profile, so
/// the only entries are the ones a scenario sends to <c>/user/bot/risk</c>. Started once its execution has finished
/// restart-flatten and its market stream is subscribed.
/// </summary>
internal sealed class ServiceOnSimulator : IAsyncDisposable
{
    public const string Venue = "binance-usdm";
    public const string Btc = "BTCUSDT";
    public const string Stream = "btcusdt@aggTrade";
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    // Starting a service (journal recovery, restart-flatten over REST) takes 1-3 s; a loaded CI machine gets more.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    private ServiceOnSimulator(SimulatorHost sim, WebApplication app, string dir, IActorRef bot, IActorRef risk, IActorRef execution, IActorRef venues)
    {
        Sim = sim;
        App = app;
        Dir = dir;
        Bot = bot;
        Risk = risk;
        Execution = execution;
        Venues = venues;
    }

    public SimulatorHost Sim { get; }

    public WebApplication App { get; }

    public string Dir { get; }

    public IActorRef Bot { get; }

    public IActorRef Risk { get; }

    public IActorRef Execution { get; }

    public IActorRef Venues { get; }

    /// <param name="hocon">overrides after the common ones (state dir, symbol, no strategy, the simulator's testnet URLs).</param>
    public static async Task<ServiceOnSimulator> StartAsync(string name, string hocon)
    {
        var dir = Directory.CreateTempSubdirectory($"actorbot-scenario-{name}-").FullName;
        var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, AutoStartReplay = false });
        WebApplication? app = null;
        try
        {
            var overrides = Path.Combine(dir, "override.conf");
            await File.WriteAllTextAsync(overrides, $$"""
                actorbot.state-dir = "{{dir}}"
                actorbot.symbols = [{{Btc}}]
                actorbot.strategy.profile = ""
                actorbot.venues.{{Venue}} {
                  testnet.rest-base-url = "{{sim.RestUri}}"
                  testnet.ws-base-url = "{{sim.WsUri}}"
                  connect-timeout = 2s
                  reconnect-max-delay = 200ms
                }
                {{hocon}}
                """);
            app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Testnet, httpPortOverride: 0, ServiceUnderTest.WithSimulatorKeys());
            await app.StartAsync();
            var system = app.Services.GetRequiredService<ActorSystem>();
            var execution = await Poll.Resolve(system, VenueTrading.ExecutionPath(Venue), StartDeadline);
            await Poll.Until(() => Phase(execution), p => p == ExecutionPhase.Ready, "restart-flatten done", StartDeadline, p => p?.ToString() ?? "no answer (recovering)");
            await Poll.Until(() => Task.FromResult(sim.Streams.AnySubscribed(Stream)), x => x, $"{name}: {Stream} subscribed", StartDeadline);
            return new ServiceOnSimulator(sim, app, dir, await Poll.Resolve(system, "/user/bot", Deadline), await Poll.Resolve(system, "/user/bot/risk", Deadline), execution,
                await Poll.Resolve(system, "/user/venues", Deadline));
        }
        catch
        {
            await ServiceUnderTest.StopAsync(app, sim, dir);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(ServiceUnderTest.StopAsync(App, Sim, Dir));

    public Task<BotStatus> BotStatus() => Bot.Ask<BotStatus>(GetBotStatus.Instance, AskTimeout);

    public Task<RiskStatus> RiskStatus() => Risk.Ask<RiskStatus>(GetRiskStatus.Instance, AskTimeout);

    public Task<MarketStreamStatus> MarketStatus() => Venues.Ask<MarketStreamStatus>(new AskVenue(Venue, GetMarketStreamStatus.Instance), AskTimeout);

    public Task<VenueHealth> Health() => Venues.Ask<VenueHealth>(new AskVenue(Venue, GetVenueHealth.Instance), AskTimeout);

    /// <summary>A trade on the venue's stream; then, until the bot runs (no pause cause left after the hysteresis).</summary>
    public async Task TradeUntilRunning(decimal price, long aggTradeId)
    {
        // Warm-up is the strategy's business (none runs here): /risk is told the symbol is warm, as shockflip would.
        Risk.Tell(new SymbolWarmChanged(Btc, true));
        Sim.PublishTrade(Btc, price, 1m, aggTradeId);
        await Poll.Until(BotStatus, s => !s.Paused, "the bot runs", Deadline, s => string.Join("; ", s.PauseReasons.Concat(s.ClearingReasons)));
    }

    /// <summary>A long through /risk, as the trader sends it (reference 100, stop 95, take-profit 110): its first answer.</summary>
    public async Task<object> Intent(string eventId)
    {
        var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trader = App.Services.GetRequiredService<ActorSystem>().ActorOf(Props.Create(() => new FirstReply(reply)), $"trader-{eventId}");
        Risk.Tell(new TradeIntent(Venue, Btc, eventId, Sim.Engine.NowMs, 1, 100m, 95m, 110m, trader));
        return await reply.Task.WaitAsync(AskTimeout);
    }

    /// <summary>A resting LIMIT placed on the venue by hand (not through the service), far from the market.</summary>
    public void RestingLimit(string clientOrderId)
    {
        var placed = Sim.Engine.PlaceOrder(new Dictionary<string, string>
        {
            ["symbol"] = Btc,
            ["side"] = "BUY",
            ["type"] = "LIMIT",
            ["quantity"] = "1",
            ["price"] = "50",
            ["timeInForce"] = "GTC",
            ["newClientOrderId"] = clientOrderId,
        });
        placed.HttpStatus.Should().Be(200, placed.Json);
    }

    public int OpenOrders()
    {
        using var open = System.Text.Json.JsonDocument.Parse(Sim.Engine.OpenOrders(null).Json);
        return open.RootElement.GetArrayLength();
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
}
