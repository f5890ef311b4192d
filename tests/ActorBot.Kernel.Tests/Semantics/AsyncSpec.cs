using ActorBot.Kernel.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Semantics;

public sealed class AsyncSpec(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact(DisplayName = "An exception thrown after an await in ReceiveAsync is supervised like a synchronous one (default: restart)")]
    public void AsyncExceptionIsSupervised()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        actor.Tell("fail");
        ExpectMsg("restarted");
        actor.Tell("work");
        ExpectMsg("done:work");
    }

    [Fact(DisplayName = "ReceiveAsync: Sender and Self survive an await, and the next message waits for the handler's task")]
    public void AsyncKeepsContextAndSerializes()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        actor.Tell("one");
        actor.Tell("two");
        ExpectMsg("done:one");
        LastSender.Should().Be(actor);
        ExpectMsg("done:two");
    }

    [Fact(DisplayName = "PipeTo turns a task's result into a message and its failure into Status.Failure")]
    public void PipeTo()
    {
        Task.FromResult(42).PipeTo(TestActor);
        ExpectMsg(42);
        Task.FromException<int>(new InvalidOperationException("no")).PipeTo(TestActor);
        ExpectMsg<Status.Failure>().Cause.Message.Should().Be("no");
    }

    private sealed class AsyncActor : ReceiveActor
    {
        private readonly IActorRef _report;

        public AsyncActor(IActorRef report)
        {
            _report = report;
            ReceiveAsync<string>(async s =>
            {
                var replyTo = Sender;
                await Task.Delay(20);
                await Task.Yield();
                if (s == "fail")
                {
                    throw new InvalidOperationException("async boom");
                }

                Sender.Should().Be(replyTo, "Sender is restored after an await");
                Sender.Tell("done:" + s, Self);
            });
        }

        protected override void PostRestart(Exception reason) => _report.Tell("restarted");
    }
}
