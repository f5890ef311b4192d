using ActorBot.Engine.Risk;
using Akka.Actor;
using Akka.TestKit;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>
/// The set-up the /risk actor tests share: a TestKit on virtual time with the in-memory journal, a probe as the
/// venue's execution and one as the trader, and /risk started with the given settings.
/// </summary>
public abstract class RiskActorTestBase : Akka.TestKit.Xunit2.TestKit
{
    protected RiskActorTestBase()
        : base(VirtualTimeInMemory)
    {
        Execution = CreateTestProbe();
        Trader = CreateTestProbe();
    }

    protected TestProbe Execution { get; }

    protected TestProbe Trader { get; }

    protected TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    /// <summary>/risk with <paramref name="settings"/> (default: <see cref="RiskTestKit.Settings"/>), placing on <see cref="Execution"/>.</summary>
    protected IActorRef StartRisk(RiskActorSettings? settings = null)
    {
        var s = settings ?? Settings();
        return Sys.ActorOf(Props.Create(() => new RiskActor(s, Execution.Ref)));
    }
}
