using ActorBot.Kernel.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Semantics;

public sealed class MailboxSpec(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact(DisplayName = "Messages from one sender to one receiver arrive in send order (FIFO per pair), with several senders at once")]
    public async Task FifoPerSenderReceiverPair()
    {
        const int PerSender = 5_000;
        var collector = CreateTestProbe();
        var receiver = Sys.ActorOf(Props.Create(() => new ForwardingActor(collector.Ref)));
        var senders = Enumerable.Range(0, 4)
            .Select(i => Task.Run(() =>
            {
                var sender = Sys.ActorOf(Props.Create(() => new ForwardingActor(receiver)), "sender-" + i);
                for (var n = 0; n < PerSender; n++)
                {
                    sender.Tell((i, n));
                }
            }))
            .ToArray();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(30));
        var next = new int[4];
        for (var k = 0; k < 4 * PerSender; k++)
        {
            var (i, n) = collector.ExpectMsg<(int, int)>();
            n.Should().Be(next[i], $"sender {i} must be delivered in order");
            next[i]++;
        }
    }

    [Fact(DisplayName = "Stash and UnstashAll: stashed messages return ahead of later ones, in original order")]
    public void StashUnstashAll()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StashingActor(TestActor)));
        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("open");
        actor.Tell("c");
        ExpectMsg("opened");
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
    }

    [Fact(DisplayName = "Restart returns stashed messages to the mailbox; the new instance processes them")]
    public void RestartUnstashes()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StashingActor(TestActor)));
        actor.Tell("a");
        actor.Tell("b");
        actor.Tell(new Fail("boom"));
        ExpectMsg("restarted");
        actor.Tell("open");
        ExpectMsg("opened");
        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact(DisplayName = "Stashing the same message twice throws IllegalActorStateException")]
    public void StashTwiceThrows()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DoubleStashActor(TestActor)));
        actor.Tell("x");
        ExpectMsg<IllegalActorStateException>();
    }

    private sealed class ForwardingActor : ReceiveActor
    {
        public ForwardingActor(IActorRef target) => ReceiveAny(m => target.Tell(m));
    }

    private sealed class StashingActor : ReceiveActor, IWithUnboundedStash
    {
        public StashingActor(IActorRef report)
        {
            Receive<string>(s => s == "open", _ =>
            {
                report.Tell("opened");
                Stash.UnstashAll();
                Become(() => ReceiveAny(m => report.Tell(m)));
            });
            Receive<Fail>(f => throw new InvalidOperationException(f.Reason));
            ReceiveAny(_ => Stash.Stash());
            Report = report;
        }

        public IStash Stash { get; set; } = null!;

        private IActorRef Report { get; }

        protected override void PostRestart(Exception reason) => Report.Tell("restarted");
    }

    private sealed class DoubleStashActor : ReceiveActor, IWithUnboundedStash
    {
        public DoubleStashActor(IActorRef report)
        {
            ReceiveAny(_ =>
            {
                Stash.Stash();
                try
                {
                    Stash.Stash();
                }
                catch (IllegalActorStateException ex)
                {
                    report.Tell(ex);
                }
            });
        }

        public IStash Stash { get; set; } = null!;
    }
}
