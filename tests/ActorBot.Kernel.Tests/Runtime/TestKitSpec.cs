using ActorBot.Kernel.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ActorBot.Kernel.Tests.Runtime;

public sealed class TestKitSpec(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact(DisplayName = "ExpectNoMsg fails when a message is already queued")]
    public void ExpectNoMsgSeesQueuedMessage()
    {
        TestActor.Tell("early");
        AwaitCondition(() => HasMessages);
        FluentActions.Invoking(() => ExpectNoMsg(TimeSpan.FromMilliseconds(50))).Should().Throw<XunitException>();
    }

    [Fact(DisplayName = "ExpectMsg fails on a type or predicate mismatch and on timeout")]
    public void ExpectMsgFailures()
    {
        TestActor.Tell(1);
        FluentActions.Invoking(() => ExpectMsg<string>()).Should().Throw<XunitException>();
        TestActor.Tell(2);
        FluentActions.Invoking(() => ExpectMsg<int>(i => i == 3)).Should().Throw<XunitException>();
        FluentActions.Invoking(() => ExpectMsg<int>(TimeSpan.FromMilliseconds(50))).Should().Throw<XunitException>().WithMessage("Timeout*");
    }

    [Fact(DisplayName = "FishForMessage skips other messages until the predicate holds")]
    public void FishForMessageSkipsNoise()
    {
        TestActor.Tell("noise");
        TestActor.Tell(1);
        TestActor.Tell(42);
        FishForMessage<int>(i => i > 10).Should().Be(42);
    }

    [Fact(DisplayName = "Within bounds nested expectations by the remaining time and fails when the block overruns")]
    public void WithinBoundsTime()
    {
        Within(TimeSpan.FromSeconds(10), () =>
        {
            RemainingOrDefault.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(10));
            TestActor.Tell("in time");
            ExpectMsg("in time");
        });
        FluentActions.Invoking(() => Within(TimeSpan.FromMilliseconds(50), () => ExpectMsg<string>()))
            .Should().Throw<XunitException>();
    }

    [Fact(DisplayName = "AwaitAssert retries until the assertion holds; a probe has its own queue and LastSender")]
    public void AwaitAssertAndProbes()
    {
        var flag = 0;
        ThreadPool.QueueUserWorkItem(_ => Volatile.Write(ref flag, 1));
        AwaitAssert(() => Volatile.Read(ref flag).Should().Be(1));
        var probe = CreateTestProbe("p");
        probe.Send(TestActor, "from probe");
        ExpectMsg("from probe");
        LastSender.Should().Be(probe.Ref);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact(DisplayName = "Many short bursts to many actors all arrive (no lost mailbox wakeups)")]
    public void NoLostWakeups()
    {
        var counters = Enumerable.Range(0, 8).Select(i => Sys.ActorOf(Props.Create(() => new CountToActor(TestActor)), "c" + i)).ToArray();
        for (var round = 0; round < 200; round++)
        {
            foreach (var counter in counters)
            {
                counter.Tell(round);
            }

            var seen = new HashSet<IActorRef>();
            for (var k = 0; k < counters.Length; k++)
            {
                ExpectMsg(round);
                seen.Add(LastSender);
            }

            seen.Should().HaveCount(counters.Length);
        }
    }

    private sealed class CountToActor : ReceiveActor
    {
        public CountToActor(IActorRef report) => Receive<int>(i => report.Tell(i));
    }
}
