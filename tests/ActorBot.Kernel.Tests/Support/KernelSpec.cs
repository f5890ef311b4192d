using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Configs;
using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Support;

/// <summary>
/// Base of the kernel specs: virtual time (TestScheduler) so nothing sleeps, and a generous default
/// expectation timeout so the suite stays green on a busy 2-core machine.
/// </summary>
public abstract class KernelSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config SpecConfig = ConfigurationFactory
        .ParseString("akka.test.single-expect-default = 15s")
        .WithFallback(TestConfigs.TestSchedulerConfig);

    protected KernelSpec(ITestOutputHelper output)
        : base(SpecConfig, "kernel-spec", output)
    {
    }

    protected TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    /// <summary>
    /// Expects exactly these messages in any order: messages from different senders (or a Terminated,
    /// which is a system notification) have no defined order relative to each other.
    /// </summary>
    protected void ExpectUnordered(params object[] expected)
    {
        var received = expected.Select(_ => ReceiveOne() ?? throw new Xunit.Sdk.XunitException("Timed out waiting for " + string.Join(", ", expected))).ToList();
        foreach (var item in expected)
        {
            var index = received.FindIndex(r => r.Equals(item));
            index.Should().BeGreaterThanOrEqualTo(0, $"{item} was expected among [{string.Join(", ", received)}]");
            received.RemoveAt(index);
        }
    }

    /// <summary>Short window for "nothing else arrives" checks.</summary>
    protected static TimeSpan Quiet => TimeSpan.FromMilliseconds(200);
}
