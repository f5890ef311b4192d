using ActorBot.Engine.Probing;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Probing;

/// <summary>Restart counts and last failures as the probe shows them, through real Akka supervision.</summary>
public sealed class RestartCountingTests : Akka.TestKit.Xunit2.TestKit
{
    private const string WhichChild = "which child?";

    [Fact(DisplayName = "A child that crashes twice is restarted twice; the parent's and the child's probe answers show 2 and the last failure")]
    public void CrashingChildIsCounted()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(RestartCountingStrategy.RestartUpTo10PerMinute())), "parent");
        // Through the parent: it exists once its PreStart made the child, so nothing reaches dead letters.
        parent.Tell("first");
        parent.Tell("second");

        AwaitAssert(() =>
        {
            parent.Tell(ProbeState.Instance);
            var answer = ExpectMsg<ActorProbe>();
            answer.Type.Should().Be(nameof(Parent));
            answer.Children.Should().ContainSingle().Which.Should().Be(new ChildProbe("child", 2, "InvalidOperationException: crash on second"));
        });

        Sys.ActorSelection("/user/parent/child").Tell(ProbeState.Instance, TestActor);
        var own = ExpectMsg<ActorProbe>();
        own.Type.Should().Be(nameof(Crasher));
        own.Summary.Should().Be("fresh instance");
        own.Restarts.Should().Be(2);
        own.LastFailure.Should().Be("InvalidOperationException: crash on second");
    }

    [Fact(DisplayName = "A failure its supervisor answers with stop is not counted as a restart")]
    public async Task StopIsNotARestart()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new RestartCountingStrategy(null, null, _ => Directive.Stop))), "stopping");
        var child = await parent.Ask<IActorRef>(WhichChild, TimeSpan.FromSeconds(3));
        Watch(child);
        child.Tell("boom");
        await ExpectTerminatedAsync(child);
        RestartLedger.For(Sys).Get(child.Path).Should().Be(RestartRecord.None);
    }

    private sealed class Parent : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Parent(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<ProbeState>(_ => ProbeReply.Answer(Context, null));
            Receive<string>(m => m == WhichChild, _ => Sender.Tell(Context.Child("child")));
            Receive<string>(m => Context.Child("child").Forward(m));
        }

        protected override void PreStart() => Context.ActorOf(Props.Create(() => new Crasher()), "child");

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private sealed class Crasher : ReceiveActor
    {
        public Crasher()
        {
            Receive<ProbeState>(_ => ProbeReply.Answer(Context, "fresh instance"));
            Receive<string>(m => throw new InvalidOperationException($"crash on {m}"));
        }
    }
}
