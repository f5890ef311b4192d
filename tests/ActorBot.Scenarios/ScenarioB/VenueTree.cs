using ActorBot.Domain.Execution;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.TestKit;
using Microsoft.Data.Sqlite;

namespace ActorBot.Scenarios.ScenarioB;

/// <summary>
/// The service's venue subtree as the host wires it — <c>/user/venues/{venue}</c> with health, market, execution and
/// account — on a real SQLite journal in a temp folder, against the venue simulator over loopback. The bot and /risk
/// are probes. <see cref="RestartSystemAsync"/> ends the actor system without any flatten or cancel (what a killed
/// process leaves: brackets on the venue, the journal on disk) and starts a new one on the same database.
/// </summary>
internal sealed class VenueTree : IAsyncDisposable
{
    public const string Venue = "binance-usdm";
    public const string Btc = "BTCUSDT";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(8);
    private readonly string _dir;
    private readonly SqlPersistenceOptions _db;
    private readonly RestartPolicy _policy;
    private int _systems;

    private VenueTree(SimulatorHost sim, string dir, SqlPersistenceOptions db, RestartPolicy policy)
    {
        Sim = sim;
        _dir = dir;
        _db = db;
        _policy = policy;
    }

    public SimulatorHost Sim { get; }

    public ActorSystem System { get; private set; } = null!;

    public Akka.TestKit.Xunit2.TestKit Kit { get; private set; } = null!;

    public TestProbe Bot { get; private set; } = null!;

    public TestProbe Risk { get; private set; } = null!;

    public TestProbe Trader { get; private set; } = null!;

    public IActorRef Venues { get; private set; } = ActorRefs.Nobody;

    public string ExecutionPath => VenueTrading.ExecutionPath(Venue);

    public static async Task<VenueTree> StartAsync(RestartPolicy policy = RestartPolicy.Flatten)
    {
        var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0 });
        // A price to fill MARKET orders at (no recording is replayed: the scenario drives every price).
        sim.PublishTrade(Btc, 100m, 1m, 1);
        var dir = Directory.CreateTempSubdirectory("actorbot-scenario-").FullName;
        var db = SqlPersistenceOptions.SqliteFile(Path.Combine(dir, "actorbot.db"));
        await SchemaCreator.CreateAsync(db);
        var tree = new VenueTree(sim, dir, db, policy);
        tree.StartSystem();
        return tree;
    }

    public ExecutionStatus Execution() =>
        Venues.Ask<ExecutionStatus>(new AskVenue(Venue, GetExecutionStatus.Instance), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    public AccountStatus Account() =>
        Venues.Ask<AccountStatus>(new AskVenue(Venue, GetAccountStatus.Instance), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    /// <summary>Asks /account for a check now and waits until it ran (its counters moved).</summary>
    public AccountStatus ReconcileNow()
    {
        var before = Account();
        System.ActorSelection($"/user/venues/{Venue}/account").Tell(Engine.Venues.Account.ReconcileNow.Instance);
        AccountStatus? after = null;
        Kit.AwaitAssert(() =>
        {
            after = Account();
            (after.Reconciles + after.ReconcileFailures).Should().BeGreaterThan(before.Reconciles + before.ReconcileFailures);
        }, Wait);
        return after!;
    }

    /// <summary>Sends an entry to /user/venues/{venue}/execution with <see cref="Trader"/> as its reply-to.</summary>
    public void PlaceEntry(string eventId, long signalTimeMs, decimal stop, decimal takeProfit) =>
        System.ActorSelection(ExecutionPath).Tell(new Engine.Trading.PlaceEntry(Btc, eventId, signalTimeMs, 1, 1m, stop, takeProfit, Trader.Ref));

    /// <summary>
    /// The process dies: the actor system ends with no flatten, no cancel (PostStop only closes sockets, as the OS
    /// would), then a new one starts on the same journal and the same venue.
    /// </summary>
    public async Task RestartSystemAsync()
    {
        await System.Terminate();
        Kit.Dispose();
        // Only the simulator's view counts from here: the old user streams are gone.
        Kit = null!;
        await PollAsync(() => Sim.Streams.SessionCount == 0, "the dead system's user stream is closed");
        StartSystem();
    }

    public static async Task PollAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {Wait.TotalSeconds} s: {what}");
            }

            await Task.Delay(5); // poll interval of a bounded wait on the venue's sockets
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Kit is not null)
        {
            await System.Terminate();
            Kit.Dispose();
        }

        await Sim.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private void StartSystem()
    {
        System = ActorSystem.Create($"scenario-{++_systems}", ActorBotPersistence.SystemSetup(_db, EnginePersistence.CreateSerializer(),
            Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        Kit = new Akka.TestKit.Xunit2.TestKit(System);
        Bot = Kit.CreateTestProbe("bot");
        Risk = Kit.CreateTestProbe("risk");
        Trader = Kit.CreateTestProbe("trader");
        var symbols = new[] { Btc };
        var venue = new VenueSettings(Venue, Sim.RestUri, Sim.WsUri, symbols,
            TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        // Periodic reconciles an hour apart: the ones a scenario counts are the start's and those it asks for.
        var account = new AccountSettings(Venue, symbols, Path.Combine(_dir, "reconcile_drift.jsonl"), 2, MarginType.Isolated, TimeSpan.FromHours(1), DriftPersistChecks: 2);
        var trading = new VenueTrading(new ExecutionSettings(Venue, symbols, _policy), account, new BinanceCredentials("sim-api-key", "sim-api-secret"), Risk.Ref);
        var bot = Bot.Ref;
        Venues = System.ActorOf(Props.Create(() => new VenuesActor(new[] { venue }, bot, trading, null)), "venues");
        Kit.AwaitAssert(() => Execution().Phase.Should().Be(ExecutionPhase.Ready), Wait);
        Kit.AwaitAssert(() => Account().StreamConnects.Should().BeGreaterThan(0, "the account's user stream is up, so no fill goes unheard"), Wait);
    }
}
