using ActorBot.Kernel.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Semantics;

/// <summary>Everything time-based runs on the TestScheduler: the tests move virtual time, nothing sleeps.</summary>
public sealed class TimeSpec(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact(DisplayName = "SetReceiveTimeout delivers ReceiveTimeout after the idle period; any message resets it")]
    public void ReceiveTimeoutSlides()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor)));
        ExpectMsg("armed");
        Clock.Advance(TimeSpan.FromSeconds(4));
        actor.Tell("activity");
        actor.Tell(new Sync());
        ExpectMsg("activity");
        ExpectMsg<Sync>();
        Clock.Advance(TimeSpan.FromSeconds(4));
        ExpectNoMsg(Quiet);
        Clock.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg<ReceiveTimeout>();
    }

    [Fact(DisplayName = "A keyed timer fires on the system scheduler; restarting the key replaces it and the old message never arrives")]
    public void KeyedTimerReplacement()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(("start", "first", 5));
        ExpectMsg("started");
        Clock.Advance(TimeSpan.FromSeconds(3));
        actor.Tell(("start", "second", 5));
        ExpectMsg("started");
        Clock.Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg(Quiet);
        Clock.Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("tick:second");
        actor.Tell("active?");
        ExpectMsg(false);
    }

    [Fact(DisplayName = "A timer message already enqueued when its key is cancelled is dropped (generation check)")]
    public void StaleTimerMessageDropped()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell("block-then-cancel");
        ExpectMsg("blocking");
        Clock.Advance(TimeSpan.FromSeconds(2));
        TimerActor.Gate.Set();
        ExpectMsg("cancelled");
        ExpectNoMsg(Quiet);
    }

    [Fact(DisplayName = "Restart cancels the actor's timers")]
    public void RestartCancelsTimers()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(("start", "old", 5));
        ExpectMsg("started");
        actor.Tell(new Fail("boom"));
        ExpectMsg("restarted");
        Clock.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(Quiet);
    }

    [Fact(DisplayName = "A periodic timer fires once per interval as virtual time advances")]
    public void PeriodicTimer()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell("periodic");
        ExpectMsg("started");
        Clock.Advance(TimeSpan.FromSeconds(3.5));
        ExpectMsg("beat");
        ExpectMsg("beat");
        ExpectMsg("beat");
        ExpectNoMsg(Quiet);
    }

    [Fact(DisplayName = "ScheduleTellOnce and ScheduleTellRepeatedly deliver at virtual due times and stop when cancelled")]
    public void SchedulerTells()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "once", ActorRefs.NoSender);
        var repeating = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "again", ActorRefs.NoSender);
        var cancelled = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(1), TestActor, "never", ActorRefs.NoSender);
        cancelled.Cancel();
        Clock.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("again");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var two = new[] { ExpectMsg<string>(), ExpectMsg<string>() };
        two.Should().Equal("once", "again");
        repeating.Cancel();
        Clock.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(Quiet);
    }

    [Fact(DisplayName = "Ask completes with the reply, fails at once for a dead target, and times out with AskTimeoutException")]
    public async Task Ask()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        (await echo.Ask<string>("hi", TimeSpan.FromSeconds(30))).Should().Be("hi");

        var failure = echo.Ask<string>(new Status.Failure(new InvalidOperationException("nope")), TimeSpan.FromSeconds(30));
        await FluentActions.Awaiting(() => failure).Should().ThrowAsync<InvalidOperationException>();

        var silent = Sys.ActorOf(Props.Create(() => new SilentActor()));
        var pending = silent.Ask<string>("anyone?", TimeSpan.FromSeconds(5));
        pending.IsCompleted.Should().BeFalse();
        Clock.Advance(TimeSpan.FromSeconds(5));
        await FluentActions.Awaiting(() => pending).Should().ThrowAsync<AskTimeoutException>();

        await echo.GracefulStop(TimeSpan.FromSeconds(15));
        await FluentActions.Awaiting(() => echo.Ask<string>("hello?", TimeSpan.FromSeconds(30))).Should().ThrowAsync<AskTimeoutException>();
    }

    /// <summary>Does not reset the receive timeout; its echo proves the previous message was fully processed.</summary>
    private sealed record Sync : INotInfluenceReceiveTimeout;

    private sealed class IdleActor : ReceiveActor
    {
        public IdleActor(IActorRef report)
        {
            SetReceiveTimeout(TimeSpan.FromSeconds(5));
            ReceiveAny(m => report.Tell(m));
            report.Tell("armed");
        }
    }

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public static readonly ManualResetEventSlim Gate = new(false);

        public TimerActor(IActorRef report)
        {
            Report = report;
            Receive<(string, string, int)>(t =>
            {
                Timers.StartSingleTimer("key", "tick:" + t.Item2, TimeSpan.FromSeconds(t.Item3));
                report.Tell("started");
            });
            Receive<string>(s => s == "periodic", _ =>
            {
                Timers.StartPeriodicTimer("beat", "beat", TimeSpan.FromSeconds(1));
                report.Tell("started");
            });
            Receive<string>(s => s == "block-then-cancel", _ =>
            {
                Timers.StartSingleTimer("key", "stale", TimeSpan.FromSeconds(1));
                report.Tell("blocking");
                Gate.Wait(TimeSpan.FromSeconds(30));
                Timers.Cancel("key");
                report.Tell("cancelled");
            });
            Receive<string>(s => s == "active?", _ => report.Tell(Timers.IsTimerActive("key")));
            Receive<Fail>(f => throw new InvalidOperationException(f.Reason));
            ReceiveAny(m => report.Tell(m));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        private IActorRef Report { get; }

        protected override void PostRestart(Exception reason) => Report.Tell("restarted");
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }
}
