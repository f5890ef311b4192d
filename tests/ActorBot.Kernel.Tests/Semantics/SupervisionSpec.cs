using ActorBot.Kernel.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Semantics;

public sealed class SupervisionSpec(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact(DisplayName = "The default strategy restarts a failing actor: state resets and the same reference keeps working")]
    public void DefaultStrategyRestarts()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "a")));
        ExpectMsg(new Lifecycle("a", "PreStart"));
        actor.Tell("x");
        ExpectMsg("x");
        actor.Tell(new Fail("boom"));
        ExpectMsg(new Lifecycle("a", "PreRestart"));
        ExpectMsg(new Lifecycle("a", "PostStop"));
        ExpectMsg(new Lifecycle("a", "PostRestart"));
        ExpectMsg(new Lifecycle("a", "PreStart"));
        actor.Tell("count");
        ExpectMsg(0);
    }

    [Fact(DisplayName = "Restart keeps the mailbox and drops the failing message")]
    public void RestartKeepsMailboxDropsFailingMessage()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(probe.Ref)));
        probe.ExpectMsg("ready");
        actor.Tell("block");
        probe.ExpectMsg("blocked");
        actor.Tell(new Fail("boom"));
        actor.Tell("after-1");
        actor.Tell("after-2");
        GatedActor.Gate.Set();
        probe.ExpectMsg("ready");
        probe.ExpectMsg("after-1");
        probe.ExpectMsg("after-2");
        probe.ExpectNoMsg(Quiet);
    }

    [Fact(DisplayName = "The default strategy stops an actor whose constructor throws (ActorInitializationException)")]
    public void StopsOnInitializationFailure()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowingConstructorActor()));
        Watch(actor);
        ExpectTerminated(actor);
    }

    [Fact(DisplayName = "The default strategy stops an actor that processed Kill (ActorKilledException)")]
    public void StopsOnKill()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "k")));
        ExpectMsg(new Lifecycle("k", "PreStart"));
        Watch(actor);
        actor.Tell(Kill.Instance);
        ExpectMsg(new Lifecycle("k", "PostStop"));
        ExpectTerminated(actor);
    }

    [Fact(DisplayName = "The default strategy stops a watcher that does not handle Terminated (DeathPactException)")]
    public void StopsOnDeathPact()
    {
        var watched = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "w")));
        ExpectMsg(new Lifecycle("w", "PreStart"));
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(watched, TestActor)));
        ExpectMsg("watching");
        Watch(watcher);
        Sys.Stop(watched);
        ExpectMsg(new Lifecycle("w", "PostStop"));
        ExpectTerminated(watcher);
    }

    [Fact(DisplayName = "maxNrOfRetries within withinTimeRange: the failure past the budget stops the child")]
    public void RetryBudgetExceededStops()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var child = CreateChild(strategy, "c");
        Watch(child);
        for (var i = 0; i < 2; i++)
        {
            child.Tell(new Fail("boom"));
            ExpectMsg(new Lifecycle("c", "PreRestart"));
            ExpectMsg(new Lifecycle("c", "PostStop"));
            ExpectMsg(new Lifecycle("c", "PostRestart"));
            ExpectMsg(new Lifecycle("c", "PreStart"));
        }

        child.Tell(new Fail("third"));
        ExpectMsg(new Lifecycle("c", "PostStop"));
        ExpectTerminated(child);
    }

    [Fact(DisplayName = "withinTimeRange is a window: failures spread wider than it never exhaust the budget (virtual time)")]
    public void RetryWindowSlides()
    {
        var strategy = new OneForOneStrategy(1, TimeSpan.FromSeconds(10), _ => Directive.Restart);
        var child = CreateChild(strategy, "c");
        for (var i = 0; i < 3; i++)
        {
            child.Tell(new Fail("boom"));
            ExpectMsg(new Lifecycle("c", "PreRestart"));
            ExpectMsg(new Lifecycle("c", "PostStop"));
            ExpectMsg(new Lifecycle("c", "PostRestart"));
            ExpectMsg(new Lifecycle("c", "PreStart"));
            Clock.Advance(TimeSpan.FromSeconds(11));
        }

        child.Tell("still-alive");
        ExpectMsg("still-alive");
    }

    [Fact(DisplayName = "Resume keeps the actor's state and drops only the failing message")]
    public void ResumeKeepsState()
    {
        var child = CreateChild(new OneForOneStrategy(_ => Directive.Resume), "r");
        child.Tell("one");
        ExpectMsg("one");
        child.Tell(new Fail("boom"));
        child.Tell("count");
        ExpectMsg(1);
    }

    [Fact(DisplayName = "Escalate: the supervisor fails with the child's exception and its own parent restarts it")]
    public void EscalateRestartsTheSupervisor()
    {
        var middle = Sys.ActorOf(Props.Create(() => new EscalatingParent(TestActor)), "middle");
        ExpectMsg(new Lifecycle("middle", "PreStart"));
        middle.Tell("spawn");
        var child = ExpectMsg<IActorRef>();
        ExpectMsg(new Lifecycle("child", "PreStart"));
        Watch(child);
        child.Tell(new Fail("boom"));
        ExpectMsg(new Lifecycle("middle", "PreRestart"));
        ExpectMsg(new Lifecycle("child", "PostStop"));
        ExpectUnordered(new Terminated(child, true, false), new Lifecycle("middle", "PostRestart"));
    }

    [Fact(DisplayName = "AllForOneStrategy restarts the failing child and all its siblings")]
    public void AllForOneRestartsSiblings()
    {
        var parent = Sys.ActorOf(Props.Create(() => new SupervisorActor(new AllForOneStrategy(_ => Directive.Restart), TestActor)));
        parent.Tell((Props.Create(() => new ReportingActor(TestActor, "a")), "a"));
        var a = ExpectMsg<IActorRef>(m => m.Path.Name == "a", hint: "child a");
        ExpectMsg(new Lifecycle("a", "PreStart"));
        parent.Tell((Props.Create(() => new ReportingActor(TestActor, "b")), "b"));
        ExpectMsg<IActorRef>(m => m.Path.Name == "b", hint: "child b");
        ExpectMsg(new Lifecycle("b", "PreStart"));
        a.Tell(new Fail("boom"));
        var events = Enumerable.Range(0, 8).Select(_ => ExpectMsg<Lifecycle>()).ToList();
        events.Where(e => e.Event == "PostRestart").Select(e => e.Who).Should().BeEquivalentTo(["a", "b"]);
    }

    [Fact(DisplayName = "Restart stops the failed actor's children (default PreRestart)")]
    public void RestartStopsChildren()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "p")));
        ExpectMsg(new Lifecycle("p", "PreStart"));
        parent.Tell(Props.Create(() => new ReportingActor(TestActor, "child")));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg(new Lifecycle("child", "PreStart"));
        Watch(child);
        parent.Tell(new Fail("boom"));
        ExpectMsg(new Lifecycle("p", "PreRestart"));
        var stops = new[] { ExpectMsg<Lifecycle>(), ExpectMsg<Lifecycle>() };
        stops.Should().BeEquivalentTo([new Lifecycle("p", "PostStop"), new Lifecycle("child", "PostStop")]);
        ExpectUnordered(new Terminated(child, true, false), new Lifecycle("p", "PostRestart"), new Lifecycle("p", "PreStart"));
        parent.Tell(Props.Create(() => new ReportingActor(TestActor, "child")));
        ExpectMsg<IActorRef>().Path.Name.Should().Be("child", "the name is free again once the old child terminated");
    }

    private IActorRef CreateChild(SupervisorStrategy strategy, string name)
    {
        var parent = Sys.ActorOf(Props.Create(() => new SupervisorActor(strategy, TestActor)));
        parent.Tell((Props.Create(() => new ReportingActor(TestActor, name)), name));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg(new Lifecycle(name, "PreStart"));
        return child;
    }

    private sealed class ThrowingConstructorActor : ReceiveActor
    {
        public ThrowingConstructorActor() => throw new InvalidOperationException("cannot start");
    }

    private sealed class WatchingActor : ReceiveActor
    {
        public WatchingActor(IActorRef watched, IActorRef report)
        {
            Context.Watch(watched);
            report.Tell("watching");
            Receive<string>(_ => { });
        }
    }

    private sealed class EscalatingParent : ReceiveActor
    {
        public EscalatingParent(IActorRef report)
        {
            var me = new ReportingActorProxy(report);
            Receive<string>(s => s == "spawn", _ => Sender.Tell(Context.ActorOf(Props.Create(() => new ReportingActor(report, "child")), "child")));
            Report = report;
            _ = me;
        }

        private IActorRef Report { get; }

        protected override void PreStart() => Report.Tell(new Lifecycle("middle", "PreStart"));

        protected override void PreRestart(Exception reason, object message)
        {
            Report.Tell(new Lifecycle("middle", "PreRestart"));
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason) => Report.Tell(new Lifecycle("middle", "PostRestart"));

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

        private sealed record ReportingActorProxy(IActorRef Report);
    }

    /// <summary>Blocks inside a handler until the test opens the gate, so later messages queue up behind a failure.</summary>
    private sealed class GatedActor : ReceiveActor
    {
        public static readonly ManualResetEventSlim Gate = new(false);

        public GatedActor(IActorRef report)
        {
            Receive<string>(s => s == "block", _ =>
            {
                report.Tell("blocked");
                Gate.Wait(TimeSpan.FromSeconds(30));
            });
            Receive<Fail>(f => throw new InvalidOperationException(f.Reason));
            ReceiveAny(m => report.Tell(m));
            report.Tell("ready");
        }
    }
}
