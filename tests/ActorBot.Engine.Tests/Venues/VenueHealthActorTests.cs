using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;

namespace ActorBot.Engine.Tests.Venues;

/// <summary>The health actor on virtual time: grace period, recovery and REST bans.</summary>
public sealed class VenueHealthActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly PauseReason Disabled = PauseReason.VenueDisabled("binance-usdm");
    private volatile VenueStatus _rest = VenueStatus.Healthy;

    public VenueHealthActorTests()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private (IActorRef Health, TestProbe Bot) Start()
    {
        var bot = CreateTestProbe("bot");
        var health = Sys.ActorOf(Props.Create(() => new VenueHealthActor("binance-usdm", TimeSpan.FromSeconds(2), bot.Ref, () => _rest)), "health");
        // Round trip: PreStart (timer, down-since) has run before the clock moves.
        health.Tell(GetVenueHealth.Instance, TestActor);
        ExpectMsg<VenueHealth>();
        return (health, bot);
    }

    /// <summary>Tells and waits until the actor has handled it, so virtual time only moves afterwards.</summary>
    private void Send(IActorRef health, object message)
    {
        health.Tell(message, TestActor);
        health.Tell(GetVenueHealth.Instance, TestActor);
        ExpectMsg<VenueHealth>();
    }

    [Fact(DisplayName = "A stream that never comes up disables the venue once the grace period has passed, not before")]
    public void NeverConnectedDisablesAfterGrace()
    {
        var (health, bot) = Start();
        Scheduler.Advance(TimeSpan.FromSeconds(1.5));
        bot.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        bot.ExpectMsg<RaisePause>().Reason.Should().Be(Disabled);
        health.Tell(GetVenueHealth.Instance, TestActor);
        ExpectMsg<VenueHealth>().Status.Should().Be(VenueStatus.Disabled);
    }

    [Fact(DisplayName = "A short drop inside the grace period is ignored; a long one pauses; data again clears the pause")]
    public void DropAndRecover()
    {
        var (health, bot) = Start();
        Send(health, new StreamStateChanged(true, "data flowing"));
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        Send(health, new StreamStateChanged(false, "reconnected"));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        Send(health, new StreamStateChanged(true, "data flowing"));
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        bot.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Send(health, new StreamStateChanged(false, "stalled"));
        Scheduler.Advance(TimeSpan.FromSeconds(2.5));
        bot.ExpectMsg<RaisePause>().Reason.Should().Be(Disabled);
        Send(health, new StreamStateChanged(true, "data flowing"));
        bot.ExpectMsg<ClearPause>().Reason.Should().Be(Disabled);
    }

    [Fact(DisplayName = "An IP ban on the REST gateway disables the venue at once, even with the stream up, until the ban ends")]
    public void RestBan()
    {
        var (health, bot) = Start();
        Send(health, new StreamStateChanged(true, "data flowing"));
        Send(health, new RestStatusChanged(VenueStatus.Disabled));
        bot.ExpectMsg<RaisePause>().Reason.Should().Be(Disabled);

        // The end of a ban has no event: the periodic tick reads the gateway's status.
        _rest = VenueStatus.Healthy;
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        bot.ExpectMsg<ClearPause>().Reason.Should().Be(Disabled);
    }
}
