using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using Akka.Actor;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// The cluster's fence in /risk: asked at each entry, a reason drops the entry as safe_pause before anything reaches
/// execution; closes are never fenced (they only lower exposure); the fence lifting lets the next entry through.
/// </summary>
public sealed class RiskEntryFenceTests : Akka.TestKit.Xunit2.TestKit
{
    public RiskEntryFenceTests()
        : base(VirtualTimeInMemory)
    {
    }

    [Fact(DisplayName = "A fenced node's risk drops entries as safe_pause at the moment of the decision; closes still pass; lifted, entries go again")]
    public void FenceDropsEntries()
    {
        var execution = CreateTestProbe();
        var trader = CreateTestProbe();
        string? fence = "cluster: only 1 of 3 trading members reachable: not a majority";
        var wiring = new RiskWiring(Settings(), execution.Ref) { EntryFence = () => fence };
        var risk = Sys.ActorOf(Props.Create(() => new RiskActor(wiring)));
        Ready(risk);

        risk.Tell(Intent("ev-fenced", trader.Ref));
        var rejected = ExpectRejected(trader, "safe_pause");
        rejected.Detail.Should().Contain("not a majority");
        execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        risk.Tell(new ClosePosition("BTCUSDT", "ev-open-elsewhere", "horizon"));
        execution.ExpectMsg<ClosePosition>();

        fence = null;
        risk.Tell(Intent("ev-free", trader.Ref));
        ExpectPlace(execution, "ev-free");
    }
}
