using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Cluster;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Tests.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// The money path of a cluster node, for real: a one-node Akka.Cluster over loopback remoting with the SQL journal
/// (SQLite here), the portfolio risk singleton and the venue-account singleton under ClusterSingletonManager, reached
/// through their proxies, trading on the venue simulator over loopback sockets; the symbol entity is a forwarder to a
/// probe, so what reaches "the trader" through the shard region is seen exactly.
/// </summary>
public sealed class ClusterMoneyPathTests : IAsyncLifetime
{
    private const string Venue = BotSettings.DefaultVenue;
    private const string Btc = "BTCUSDT";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-cluster-money-").FullName;
    private SimulatorHost _sim = null!;
    private ActorSystem _system = null!;
    private Akka.TestKit.Xunit2.TestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0 });
        var options = SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db"));
        await SchemaCreator.CreateAsync(options);
        _system = ActorSystem.Create("actorbot", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(), ConfigurationFactory.ParseString("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.roles = [trading]
            akka.loglevel = WARNING
            """)));
        _kit = new Akka.TestKit.Xunit2.TestKit(_system);
        var cluster = Akka.Cluster.Cluster.Get(_system);
        cluster.Join(cluster.SelfAddress);
        _kit.AwaitCondition(() => cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up, Wait);
    }

    public async Task DisposeAsync()
    {
        await _system.Terminate();
        await _sim.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "Cluster money path: risk singleton → venue-account singleton → venue; fills and brackets reach the symbol's entity through the shard region; cancel-all through the node facade; a minority node's risk takes no entry")]
    public async Task EntryThroughSingletonsAndRegion()
    {
        var entity = _kit.CreateTestProbe("entity");
        var region = ClusterSharding.Get(_system).Start(ClusterNames.SymbolRegion, id => Props.Create(() => new Forwarder(entity.Ref)),
            ClusterShardingSettings.Create(_system), new SymbolMessageExtractor(10));
        var proxy = ClusterSingletonProxySettings.Create(_system);
        var risk = _system.ActorOf(ClusterSingletonProxy.Props($"/user/{ClusterNames.RiskSingleton}", proxy), "risk-proxy");
        var venue = _system.ActorOf(ClusterSingletonProxy.Props($"/user/{ClusterNames.VenueSingleton(Venue)}", proxy), "venue-proxy");

        var settings = new VenueSettings(Venue, _sim.RestUri, _sim.WsUri, [Btc], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        var trading = new VenueTrading(new ExecutionSettings(Venue, [Btc]), new AccountSettings(Venue, [Btc], Path.Combine(_dir, "drift.jsonl")),
            new BinanceCredentials("sim-api-key", "sim-api-secret"), risk);
        var manager = ClusterSingletonManagerSettings.Create(_system);
        _system.ActorOf(ClusterSingletonManager.Props(ClusterTrading.VenueSingleton(settings, trading, region), PoisonPill.Instance, manager), ClusterNames.VenueSingleton(Venue));
        var bot = new BotSettings(TradeMode.Testnet, Venue, [Btc], TimeSpan.FromSeconds(30), TimeSpan.Zero);
        _system.ActorOf(ClusterSingletonManager.Props(
            ClusterTrading.RiskSingleton(RiskTestKit.Settings(), bot, new Dictionary<string, IActorRef> { [Venue] = venue }, region), PoisonPill.Instance, manager), ClusterNames.RiskSingleton);

        // A new risk incarnation asks every symbol for its entry conditions, through the region.
        entity.FishForMessage(m => m is ResendRiskState, Wait);
        RiskTestKit.Ready(risk, Btc);
        _sim.PublishTrade(Btc, 100m, 1m, 1);
        await _kit.AwaitAssertAsync(async () => (await venue.Ask<ExecutionStatus>(GetExecutionStatus.Instance, Wait)).Phase.Should().Be(ExecutionPhase.Ready), Wait);

        risk.Tell(new TradeIntent(Venue, Btc, "ev-cluster-1", 1_700_000_480_000, 1, 100m, 95m, 120m, entity.Ref));
        var filled = (EntryFilled)entity.FishForMessage(m => m is EntryFilled or TradeRejected, Wait);
        filled.Should().BeOfType<EntryFilled>().Which.AveragePrice.Should().Be(100m);
        entity.FishForMessage(m => m is BracketsPlaced, Wait);
        _kit.AwaitAssert(() => _sim.Engine.OpenAlgoOrderCount.Should().Be(2, "the exchange holds the SL and the TP"), Wait);
        _sim.Engine.PositionAmount(Btc).Should().BeGreaterThan(0m);
        var orders = _sim.Engine.OrderCount;

        // The same intent again (an entity that moved re-sends it): risk holds it once, nothing more reaches the venue.
        risk.Tell(new TradeIntent(Venue, Btc, "ev-cluster-1", 1_700_000_480_000, 1, 100m, 95m, 120m, entity.Ref));

        // The kill switch's cancel-all, as the host sends it: the node facade to the venue singleton.
        var facade = _system.ActorOf(ClusterBotFacade.Props(bot, region, risk, new Dictionary<string, IActorRef> { [Venue] = venue }), "node");
        var done = await facade.Ask<CancelAllDone>(replyTo => new AskVenue(Venue, new CancelAll(true, replyTo)), Wait, CancellationToken.None);
        (done.AlgoOrdersCanceled, done.PositionsFlattened).Should().Be((2, 1));
        _sim.Engine.PositionAmount(Btc).Should().Be(0m);
        _sim.Engine.OpenAlgoOrderCount.Should().Be(0);
        entity.FishForMessage(m => m is PositionClosed { Reason: "kill_switch" }, Wait);
        _sim.Engine.OrderCount.Should().Be(orders + 1, "one reduce-only flatten; the repeated intent sent nothing");

        // This node lost the majority: its risk takes no entry, whatever the symbol says.
        _system.EventStream.Publish(new ClusterPauseChanged(true, "only 1 of 3 trading members reachable: not a majority"));
        _kit.AwaitAssert(() =>
        {
            risk.Tell(new TradeIntent(Venue, Btc, $"ev-cluster-{Guid.NewGuid():N}", 1_700_000_540_000, 1, 100m, 95m, 120m, entity.Ref));
            entity.FishForMessage(m => m is TradeRejected, TimeSpan.FromSeconds(2)).As<TradeRejected>().Reason.Should().Be("safe_pause");
        }, Wait);
        _sim.Engine.OrderCount.Should().Be(orders + 1);
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef to) => ReceiveAny(m => to.Forward(m));
    }
}
