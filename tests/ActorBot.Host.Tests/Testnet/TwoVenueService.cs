using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Host.Service;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>
/// ONE running service (testnet, built by <see cref="ServiceHost.Build"/> as <c>run</c> does) with two enabled venues,
/// each its own in-process simulator over loopback and its own keys: <see cref="VenueA"/> trades <see cref="SymbolA"/>
/// and <see cref="VenueB"/> trades <see cref="SymbolB"/> (<c>actorbot.venues.{venue}.symbols</c>). No strategy profile,
/// so the only entries are the ones a test sends to <c>/user/bot/risk</c>. Started once both executions have finished
/// restart-flatten and both market streams are subscribed.
/// </summary>
internal sealed class TwoVenueService : IAsyncDisposable
{
    public const string VenueA = "binance-usdm";
    public const string VenueB = "binance-b";
    public const string SymbolA = "BTCUSDT";
    public const string SymbolB = "ETHUSDT";
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    // Starting a service (journal recovery, restart-flatten over REST on two venues) takes 1-3 s; a loaded machine gets more.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    private TwoVenueService(SimulatorHost simA, SimulatorHost simB, WebApplication app, string dir, IActorRef bot, IActorRef risk, IActorRef venues)
    {
        SimA = simA;
        SimB = simB;
        App = app;
        Dir = dir;
        Bot = bot;
        Risk = risk;
        Venues = venues;
    }

    public SimulatorHost SimA { get; }

    public SimulatorHost SimB { get; }

    public WebApplication App { get; }

    public string Dir { get; }

    public IActorRef Bot { get; }

    public IActorRef Risk { get; }

    public IActorRef Venues { get; }

    /// <param name="hocon">overrides after the common ones (state dir, symbols, venues, no strategy).</param>
    public static async Task<TwoVenueService> StartAsync(string name, string hocon = "")
    {
        var dir = Directory.CreateTempSubdirectory($"actorbot-two-venues-{name}-").FullName;
        SimulatorHost? simA = null;
        SimulatorHost? simB = null;
        WebApplication? app = null;
        try
        {
            simA = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, AutoStartReplay = false });
            simB = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, AutoStartReplay = false, ApiKey = "sim-b-key", ApiSecret = "sim-b-secret" });
            var overrides = Path.Combine(dir, "override.conf");
            await File.WriteAllTextAsync(overrides, $$"""
                actorbot.state-dir = "{{dir}}"
                actorbot.symbols = [{{SymbolA}}, {{SymbolB}}]
                actorbot.strategy.profile = ""
                actorbot.venues.{{VenueA}} {
                  symbols = [{{SymbolA}}]
                  testnet.rest-base-url = "{{simA.RestUri}}"
                  testnet.ws-base-url = "{{simA.WsUri}}"
                  connect-timeout = 2s
                  reconnect-max-delay = 200ms
                }
                actorbot.venues.{{VenueB}} {
                  enabled = true
                  symbols = [{{SymbolB}}]
                  testnet.rest-base-url = "{{simB.RestUri}}"
                  testnet.ws-base-url = "{{simB.WsUri}}"
                  connect-timeout = 2s
                  reconnect-max-delay = 200ms
                  account.drift-file = "reconcile_drift_b.jsonl"
                }
                {{hocon}}
                """);
            // Venue B's keys under its own default names (ACTORBOT_BINANCE_B_API_KEY / _SECRET): each simulator knows only its pair.
            var environment = ServiceUnderTest.WithSimulatorKeys(new Dictionary<string, string?>
            {
                ["ACTORBOT_BINANCE_B_API_KEY"] = "sim-b-key",
                ["ACTORBOT_BINANCE_B_API_SECRET"] = "sim-b-secret",
            });
            app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Testnet, httpPortOverride: 0, environment);
            await app.StartAsync();
            var system = app.Services.GetRequiredService<ActorSystem>();
            foreach (var (venue, sim, symbol) in new[] { (VenueA, simA, SymbolA), (VenueB, simB, SymbolB) })
            {
                var execution = await Poll.Resolve(system, VenueTrading.ExecutionPath(venue), StartDeadline);
                await Poll.Until(() => Phase(execution), p => p == ExecutionPhase.Ready, $"{venue}: restart-flatten done", StartDeadline, p => p?.ToString() ?? "no answer (recovering)");
                var stream = symbol.ToLowerInvariant() + "@aggTrade";
                await Poll.Until(() => Task.FromResult(sim.Streams.AnySubscribed(stream)), x => x, $"{venue}: {stream} subscribed", StartDeadline);
            }

            return new TwoVenueService(simA, simB, app, dir, await Poll.Resolve(system, "/user/bot", Deadline), await Poll.Resolve(system, "/user/bot/risk", Deadline),
                await Poll.Resolve(system, "/user/venues", Deadline));
        }
        catch
        {
            await StopAsync(app, simA, simB, dir);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(App, SimA, SimB, Dir));

    /// <summary>The simulator of <paramref name="venue"/>.</summary>
    public SimulatorHost Sim(string venue) => venue == VenueA ? SimA : SimB;

    public Task<IActorRef> Execution(string venue) => Poll.Resolve(App.Services.GetRequiredService<ActorSystem>(), VenueTrading.ExecutionPath(venue), Deadline);

    public Task<BotStatus> BotStatus() => Bot.Ask<BotStatus>(GetBotStatus.Instance, AskTimeout);

    public Task<RiskStatus> RiskStatus() => Risk.Ask<RiskStatus>(GetRiskStatus.Instance, AskTimeout);

    public Task<VenueHealth> Health(string venue) => Venues.Ask<VenueHealth>(new AskVenue(venue, GetVenueHealth.Instance), AskTimeout);

    /// <summary>A trade on each venue's stream for its symbol; then until no symbol is paused (after the hysteresis).</summary>
    public async Task TradeUntilRunning(decimal price, long aggTradeId)
    {
        foreach (var (sim, symbol) in new[] { (SimA, SymbolA), (SimB, SymbolB) })
        {
            // Warm-up is the strategy's business (none runs here): /risk is told the symbol is warm, as shockflip would.
            Risk.Tell(new SymbolWarmChanged(symbol, true));
            sim.PublishTrade(symbol, price, 1m, aggTradeId);
        }

        await Poll.Until(BotStatus, s => !s.Paused, "the bot runs", Deadline, s => string.Join("; ", s.PauseReasons.Concat(s.ClearingReasons)));
    }

    /// <summary>A long of <paramref name="symbol"/> through /risk, as the trader sends it (reference 100, stop 95, take-profit 110): its first answer.</summary>
    public async Task<object> Intent(string symbol, string eventId)
    {
        var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trader = App.Services.GetRequiredService<ActorSystem>().ActorOf(Props.Create(() => new FirstAnswer(reply)), $"trader-{eventId}");
        var venue = symbol == SymbolA ? VenueA : VenueB;
        Risk.Tell(new TradeIntent(venue, symbol, eventId, Sim(venue).Engine.NowMs, 1, 100m, 95m, 110m, trader));
        return await reply.Task.WaitAsync(AskTimeout);
    }

    /// <summary>A resting LIMIT of <paramref name="symbol"/> placed on <paramref name="sim"/> by hand (not through the service), far from the market.</summary>
    public static void RestingLimit(SimulatorHost sim, string symbol, string clientOrderId)
    {
        var placed = sim.Engine.PlaceOrder(new Dictionary<string, string>
        {
            ["symbol"] = symbol,
            ["side"] = "BUY",
            ["type"] = "LIMIT",
            ["quantity"] = "1",
            ["price"] = "50",
            ["timeInForce"] = "GTC",
            ["newClientOrderId"] = clientOrderId,
        });
        placed.HttpStatus.Should().Be(200, placed.Json);
    }

    public static int OpenOrders(SimulatorHost sim)
    {
        using var open = System.Text.Json.JsonDocument.Parse(sim.Engine.OpenOrders(null).Json);
        return open.RootElement.GetArrayLength();
    }

    private static async Task StopAsync(WebApplication? app, SimulatorHost? simA, SimulatorHost? simB, string dir)
    {
        if (simB is not null)
        {
            await simB.DisposeAsync();
        }

        await ServiceUnderTest.StopAsync(app, simA, dir);
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

    /// <summary>
    /// Stands in for the trader as an intent's ReplyTo: a named actor, because /risk answers through an ActorSelection of
    /// the ReplyTo's path, which does not reach an Ask's temporary actor. Completes with the first message, then stops.
    /// </summary>
    private sealed class FirstAnswer : ReceiveActor
    {
        public FirstAnswer(TaskCompletionSource<object> reply) =>
            ReceiveAny(m =>
            {
                reply.TrySetResult(m);
                Context.Stop(Self);
            });
    }
}
