using System.Collections.Concurrent;
using ActorBot.Kernel.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Semantics;

public sealed class LifecycleSpec(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact(DisplayName = "Watch on an actor that is already dead yields Terminated at once")]
    public void WatchDeadActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "d")));
        ExpectMsg(new Lifecycle("d", "PreStart"));
        Sys.Stop(actor);
        ExpectMsg(new Lifecycle("d", "PostStop"));
        AwaitCondition(() => actor.AsTerminated());
        Watch(actor);
        ExpectTerminated(actor);
    }

    [Fact(DisplayName = "PoisonPill is processed after the messages queued before it; later ones become dead letters")]
    public void PoisonPillAfterQueuedMessages()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "p")));
        ExpectMsg(new Lifecycle("p", "PreStart"));
        Watch(actor);
        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(3);
        actor.Tell(PoisonPill.Instance);
        actor.Tell(4);
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        var rest = new[] { ReceiveOne(), ReceiveOne(), ReceiveOne() };
        rest.Should().ContainEquivalentOf(new Lifecycle("p", "PostStop"));
        rest.OfType<Terminated>().Should().ContainSingle();
        rest.OfType<DeadLetter>().Should().ContainSingle().Which.Message.Should().Be(4);
    }

    [Fact(DisplayName = "On Terminate every child's PostStop runs before its parent's")]
    public async Task ChildPostStopBeforeParent()
    {
        var order = new ConcurrentQueue<string>();
        var parent = Sys.ActorOf(Props.Create(() => new TreeActor(order, 2)), "root");
        parent.Tell("ping");
        ExpectMsg("pong");
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(15));
        var stops = order.ToList();
        stops.Should().HaveCount(7);
        foreach (var path in stops)
        {
            var parentPath = path[..path.LastIndexOf('/')];
            if (stops.Contains(parentPath))
            {
                stops.IndexOf(path).Should().BeLessThan(stops.IndexOf(parentPath), $"{path} must stop before {parentPath}");
            }
        }
    }

    [Fact(DisplayName = "Messages sent to a stopped actor are published as DeadLetter on the EventStream")]
    public void MessagesToStoppedActorsAreDeadLetters()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "s")));
        ExpectMsg(new Lifecycle("s", "PreStart"));
        Watch(actor);
        Sys.Stop(actor);
        ExpectMsg(new Lifecycle("s", "PostStop"));
        ExpectTerminated(actor);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell("too late");
        var letter = ExpectMsg<DeadLetter>();
        letter.Message.Should().Be("too late");
        letter.Recipient.Should().Be(actor);
        letter.Sender.Should().Be(TestActor);
    }

    [Fact(DisplayName = "Unwatch suppresses a Terminated that was not yet delivered; a stopped child's name is reusable after Terminated")]
    public void UnwatchAndNameReuse()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "n")), "n");
        ExpectMsg(new Lifecycle("n", "PreStart"));
        Watch(actor);
        Unwatch(actor);
        Sys.Stop(actor);
        ExpectMsg(new Lifecycle("n", "PostStop"));
        ExpectNoMsg(Quiet);
        AwaitAssert(() =>
        {
            var again = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "n")), "n");
            again.Path.Name.Should().Be("n");
        });
        ExpectMsg(new Lifecycle("n", "PreStart"));
    }

    [Fact(DisplayName = "ActorOf with a taken or invalid name throws InvalidActorNameException")]
    public void InvalidNames()
    {
        Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "x")), "x");
        var duplicate = () => Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "x")), "x");
        duplicate.Should().Throw<InvalidActorNameException>();
        var invalid = () => Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "x")), "$bad");
        invalid.Should().Throw<InvalidActorNameException>();
    }

    [Fact(DisplayName = "Paths are hierarchical: akka://system/user/parent/child; Context exposes Self, Parent, Child and GetChildren")]
    public void PathsAndContext()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "bot")), "bot");
        ExpectMsg(new Lifecycle("bot", "PreStart"));
        parent.Tell(Props.Create(() => new ContextProbe(TestActor)));
        var child = ExpectMsg<IActorRef>();
        child.Path.ToString().Should().Be("akka://kernel-spec/user/bot/child");
        child.Path.Parent.Should().Be(parent.Path);
        child.Path.Elements.Should().Equal("user", "bot", "child");
        var (self, parentRef, children) = ExpectMsg<(IActorRef, IActorRef, int)>();
        self.Should().Be(child);
        parentRef.Should().Be(parent);
        children.Should().Be(0);
    }

    [Fact(DisplayName = "GracefulStop completes after the target's PostStop ran")]
    public async Task GracefulStop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor, "g")));
        ExpectMsg(new Lifecycle("g", "PreStart"));
        var stopped = await actor.GracefulStop(TimeSpan.FromSeconds(15));
        stopped.Should().BeTrue();
        ExpectMsg(new Lifecycle("g", "PostStop"));
    }

    private sealed class TreeActor : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _order;

        public TreeActor(ConcurrentQueue<string> order, int depth)
        {
            _order = order;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new TreeActor(order, depth - 1)), "l");
                Context.ActorOf(Props.Create(() => new TreeActor(order, depth - 1)), "r");
            }

            Receive<string>(_ => Sender.Tell("pong"));
        }

        protected override void PostStop() => _order.Enqueue(Self.Path.ToString());
    }

    private sealed class ContextProbe : ReceiveActor
    {
        public ContextProbe(IActorRef report)
        {
            report.Tell((Context.Self, Context.Parent, Context.GetChildren().Count()));
        }
    }
}

internal static class ActorRefTestExtensions
{
    /// <summary>True once the reference's cell has stopped for good.</summary>
    public static bool AsTerminated(this IActorRef actor) => actor.AsInternal()!.IsTerminatedRef;
}
