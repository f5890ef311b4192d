using ActorBot.Kernel.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Semantics;

public sealed class ReceiveSpec(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact(DisplayName = "Receive handlers are tried in registration order; an unmatched message goes to Unhandled (UnhandledMessage on the EventStream)")]
    public void ReceiveOrderAndUnhandled()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create(() => new OrderedActor(TestActor)));
        actor.Tell("special");
        ExpectMsg("first:special");
        actor.Tell("plain");
        ExpectMsg("second:plain");
        actor.Tell(7);
        ExpectMsg("int:7");
        actor.Tell(8.5);
        var unhandled = ExpectMsg<UnhandledMessage>();
        unhandled.Message.Should().Be(8.5);
        unhandled.Recipient.Should().Be(actor);
    }

    [Fact(DisplayName = "Become replaces the behaviour; BecomeStacked/UnbecomeStacked push and pop it")]
    public void BecomeAndStack()
    {
        var actor = Sys.ActorOf(Props.Create(() => new MoodActor(TestActor)));
        actor.Tell("mood");
        ExpectMsg("calm");
        actor.Tell("push");
        actor.Tell("mood");
        ExpectMsg("angry");
        actor.Tell("pop");
        actor.Tell("mood");
        ExpectMsg("calm");
        actor.Tell("become");
        actor.Tell("mood");
        ExpectMsg("happy");
    }

    [Fact(DisplayName = "Forward keeps the original sender; Tell outside an actor uses the TestKit's TestActor as implicit sender")]
    public void ForwardAndImplicitSender()
    {
        var probe = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardActor(probe.Ref)));
        forwarder.Tell("via");
        probe.ExpectMsg("via");
        probe.LastSender.Should().Be(TestActor);
        probe.Reply("back");
        ExpectMsg("back");
    }

    [Fact(DisplayName = "Tell(msg) inside an actor uses the actor itself as implicit sender")]
    public void ImplicitSenderInsideActor()
    {
        var replier = Sys.ActorOf(Props.Create(() => new ImplicitReplier()));
        replier.Tell("hi");
        ExpectMsg("re:hi");
        LastSender.Should().Be(replier);
    }

    [Fact(DisplayName = "An UntypedActor handles messages in OnReceive and can report unhandled ones")]
    public void UntypedActor()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create<PlainActor>(TestActor));
        actor.Tell("hello");
        ExpectMsg("plain:hello");
        actor.Tell(1);
        ExpectMsg<UnhandledMessage>().Message.Should().Be(1);
    }

    private sealed class OrderedActor : ReceiveActor
    {
        public OrderedActor(IActorRef report)
        {
            Receive<string>(s => s == "special", s => report.Tell("first:" + s));
            Receive<string>(s => report.Tell("second:" + s));
            Receive<string>(s => report.Tell("never:" + s));
            Receive<int>(i =>
            {
                report.Tell("int:" + i);
                return true;
            });
        }
    }

    private sealed class MoodActor : ReceiveActor
    {
        public MoodActor(IActorRef report)
        {
            Receive<string>(s => s == "mood", _ => report.Tell("calm"));
            Receive<string>(s => s == "push", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "mood", _ => report.Tell("angry"));
                Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            }));
            Receive<string>(s => s == "become", _ => Become(() => Receive<string>(_ => report.Tell("happy"))));
        }
    }

    private sealed class ForwardActor : ReceiveActor
    {
        public ForwardActor(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    private sealed class ImplicitReplier : ReceiveActor
    {
        public ImplicitReplier() => Receive<string>(s => Sender.Tell("re:" + s));
    }

    private sealed class PlainActor(IActorRef report) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s)
            {
                report.Tell("plain:" + s);
            }
            else
            {
                Unhandled(message);
            }
        }
    }
}
