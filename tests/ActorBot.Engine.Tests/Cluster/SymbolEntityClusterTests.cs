using ActorBot.Domain.Modes;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Cluster;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// The symbol entities on a real one-node Akka.Cluster with Cluster Sharding over loopback remoting: envelopes reach
/// the entity of the symbol, the node facade answers for what runs here, pause causes from the guard and from the
/// venue-account singleton reach the symbols' bots, and a new risk incarnation is told every entry condition again.
/// </summary>
public sealed class SymbolEntityClusterTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Venue = BotSettings.DefaultVenue;

    private static readonly Config ClusterConfig = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster.roles = [trading]
        akka.cluster.sharding.role = trading
        akka.loglevel = WARNING
        """);

    private static readonly BotSettings Settings = new(
        TradeMode.Shadow,
        Venue,
        ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
        StaleTimeout: TimeSpan.FromSeconds(30),
        PauseHysteresis: TimeSpan.Zero);

    public SymbolEntityClusterTests()
        : base(ClusterConfig)
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up, TimeSpan.FromSeconds(10));
    }

    private IActorRef Region(IActorRef? risk = null)
    {
        var plan = new SymbolEntityPlan(Settings, null, new Dictionary<string, VenueSettings>(), new Dictionary<string, BinanceCredentials?>(), risk);
        return ClusterSharding.Get(Sys).Start(ClusterNames.SymbolRegion, id => SymbolEntityActor.Props(plan, id),
            ClusterShardingSettings.Create(Sys), new SymbolMessageExtractor(10));
    }

    private static BotStatus StatusOf(IActorRef region, string symbol) => AskFor<BotStatus>(region, new ToSymbol(Venue, symbol, GetBotStatus.Instance));

    // Blocking here, not in the test bodies: the assertions below retry inside AwaitAssert, which takes an Action.
    private static T AskFor<T>(IActorRef to, object message) => to.Ask<T>(message, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    // The reason of a Status.Failure answer (Ask throws its cause); null when the answer was not a failure.
    private static string? RefusalOf(IActorRef to, object message)
    {
        try
        {
            AskFor<object>(to, message);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    [Fact(DisplayName = "An envelope reaches the entity {venue}/{symbol}, which runs that one symbol's bot")]
    public void EnvelopeReachesEntity()
    {
        var region = Region();
        var status = StatusOf(region, "ETHUSDT");
        status.Symbols.Should().Equal("ETHUSDT");
        status.Venue.Should().Be(Venue);
        status.PauseReasons.Should().Equal("stale market data for ETHUSDT");
    }

    [Fact(DisplayName = "An id that is not a configured venue/symbol runs nothing and answers with a failure")]
    public void UnknownEntityFails()
    {
        var region = Region();
        RefusalOf(region, new ToSymbol(Venue, "DOGEUSDT", GetBotStatus.Instance)).Should().Contain("not a configured symbol");
        RefusalOf(region, new ToSymbol("other-venue", "BTCUSDT", GetBotStatus.Instance)).Should().Contain("not a configured symbol");
    }

    [Fact(DisplayName = "The guard's cluster pause puts the node's symbols in SAFE_PAUSE; the all-clear lifts it")]
    public void ClusterPauseReachesEntities()
    {
        var region = Region();
        StatusOf(region, "BTCUSDT");
        Sys.EventStream.Publish(new ClusterPauseChanged(true, "only 1 of 3 trading members reachable: not a majority"));
        AwaitAssert(() => StatusOf(region, "BTCUSDT").PauseReasons.Should().Contain(PauseReason.ClusterMinority().ToString()), TimeSpan.FromSeconds(5));

        Sys.EventStream.Publish(new ClusterPauseChanged(false, "3 of 3 trading members reachable"));
        AwaitAssert(() => StatusOf(region, "BTCUSDT").PauseReasons.Should().NotContain(PauseReason.ClusterMinority().ToString()), TimeSpan.FromSeconds(5));
    }

    [Fact(DisplayName = "The node facade answers for the symbols running here and refuses the others with a reason")]
    public void FacadeAnswersForLocalSymbols()
    {
        var region = Region();
        StatusOf(region, "BTCUSDT");
        StatusOf(region, "ETHUSDT");
        var facade = Sys.ActorOf(ClusterBotFacade.Props(Settings, region, null, new Dictionary<string, IActorRef>()), "node");

        AwaitAssert(() => AskFor<BotStatus>(facade, GetBotStatus.Instance).Symbols.Should().Equal("BTCUSDT", "ETHUSDT"), TimeSpan.FromSeconds(5));
        var merged = AskFor<BotStatus>(facade, GetBotStatus.Instance);
        merged.Paused.Should().BeTrue();
        merged.PauseReasons.Should().BeEquivalentTo("stale market data for BTCUSDT", "stale market data for ETHUSDT");

        AskFor<SymbolStatus>(facade, new GetSymbolStatus("BTCUSDT")).Should().NotBeNull();
        RefusalOf(facade, new GetSymbolStatus("SOLUSDT")).Should().Contain("does not run on this node");
        RefusalOf(facade, new GetSymbolStatus("XRPUSDT")).Should().Contain("unknown symbol");
    }

    [Fact(DisplayName = "The kill switch through the node facade reaches every symbol, wherever it runs")]
    public void KillSwitchBroadcast()
    {
        var region = Region();
        var facade = Sys.ActorOf(ClusterBotFacade.Props(Settings, region, null, new Dictionary<string, IActorRef>()), "node");
        facade.Tell(new SetKillSwitch(true));
        foreach (var symbol in Settings.Symbols)
        {
            AwaitAssert(() => StatusOf(region, symbol).PauseReasons.Should().Contain("kill switch on"), TimeSpan.FromSeconds(5));
        }
    }

    [Fact(DisplayName = "A venue's pause cause reaches every entity of the venue; a symbol's cause only that symbol")]
    public void BroadcasterScopes()
    {
        var region = Region();
        var broadcaster = Sys.ActorOf(SymbolBroadcaster.Props(Venue, ["BTCUSDT", "ETHUSDT"], region));
        broadcaster.Tell(new RaisePause(PauseReason.VenueDisabled(Venue)));
        broadcaster.Tell(new RaisePause(PauseReason.AccountSetup("ETHUSDT")));
        AwaitAssert(() =>
        {
            StatusOf(region, "BTCUSDT").PauseReasons.Should().Contain($"venue {Venue} disabled").And.NotContain("leverage/margin type not set for ETHUSDT");
            StatusOf(region, "ETHUSDT").PauseReasons.Should().Contain($"venue {Venue} disabled").And.Contain("leverage/margin type not set for ETHUSDT");
        }, TimeSpan.FromSeconds(5));

        broadcaster.Tell(new ClearPause(PauseReason.VenueDisabled(Venue)));
        AwaitAssert(() => StatusOf(region, "BTCUSDT").PauseReasons.Should().NotContain($"venue {Venue} disabled"), TimeSpan.FromSeconds(5));
    }

    [Fact(DisplayName = "A new risk incarnation asks, and every symbol's bot sends its entry conditions again")]
    public void RiskResync()
    {
        var risk = CreateTestProbe();
        var region = Region(risk.Ref);
        StatusOf(region, "BTCUSDT");
        risk.FishForMessage<EntriesPauseChanged>(m => m.Symbol == "BTCUSDT" && m.Paused, TimeSpan.FromSeconds(5));

        region.Tell(new ToSymbol(Venue, "BTCUSDT", ResendRiskState.Instance));
        risk.FishForMessage<EntriesPauseChanged>(m => m.Symbol == "BTCUSDT" && m.Paused, TimeSpan.FromSeconds(5));
    }

    [Fact(DisplayName = "The guard of a one-node cluster says the node stands with the majority once it is up")]
    public void GuardHealthyWhenUp()
    {
        var guard = Sys.ActorOf(ClusterGuard.Props(), "cluster-guard");
        AwaitAssert(() => AskFor<ClusterPauseChanged>(guard, GetClusterPause.Instance).Paused.Should().BeFalse(), TimeSpan.FromSeconds(5));
    }
}
