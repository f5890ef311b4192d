using System.Collections.Concurrent;
using Akka;
using Akka.Actor;

namespace ActorBot.Kernel.Tests.Runtime;

public sealed class CoordinatedShutdownSpec
{
    [Fact(DisplayName = "CoordinatedShutdown runs phases in order, continues past a failing task, terminates the system, and Run is idempotent")]
    public async Task RunsPhasesInOrder()
    {
        var system = ActorSystem.Create("shutdown");
        var log = new ConcurrentQueue<string>();
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "flush", () => Record(log, "flush"));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "unbind", () => Record(log, "unbind"));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "broken", () => throw new InvalidOperationException("broken task"));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "flatten", () => Record(log, "flatten"));
        FluentActions.Invoking(() => shutdown.AddTask("no-such-phase", "x", () => Task.FromResult(Done.Instance)))
            .Should().Throw<ArgumentException>();

        var first = shutdown.Run(CoordinatedShutdown.UnknownReason.Instance);
        var second = shutdown.Run(CoordinatedShutdown.ClrExitReason.Instance);
        second.Should().BeSameAs(first);
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        log.Should().Equal("unbind", "flatten", "flush");
        shutdown.ShutdownReason.Should().BeSameAs(CoordinatedShutdown.UnknownReason.Instance);
    }

    [Fact(DisplayName = "ActorSystem.Terminate runs CoordinatedShutdown tasks once the extension is in use")]
    public async Task TerminateRunsShutdown()
    {
        var system = ActorSystem.Create("shutdown-terminate");
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "mark", () =>
        {
            ran.TrySetResult();
            return Task.FromResult(Done.Instance);
        });
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        ran.Task.IsCompleted.Should().BeTrue();
        CoordinatedShutdown.Get(system).ShutdownReason.Should().BeSameAs(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
    }

    private static Task<Done> Record(ConcurrentQueue<string> log, string entry)
    {
        log.Enqueue(entry);
        return Task.FromResult(Done.Instance);
    }
}
