using ActorBot.Domain.Risk;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.TestKit;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>
/// /risk with two venues: each symbol's entries and closes go to its venue's execution, and sizing uses the free
/// balance of the symbol's venue (each account reports its own).
/// </summary>
public sealed class RiskActorVenueRoutingTests : RiskActorTestBase
{
    public const string Eth = "ETHUSDT";

    private readonly TestProbe _executionB;

    public RiskActorVenueRoutingTests() => _executionB = CreateTestProbe();

    private TestProbe ExecutionB => _executionB;

    private IActorRef StartTwoVenues()
    {
        var wiring = new RiskWiring(Settings(), Execution.Ref)
        {
            VenueOfSymbol = new Dictionary<string, string> { [Btc] = "a", [Eth] = "b" },
            Executions = new Dictionary<string, ICanTell> { ["a"] = Execution.Ref, ["b"] = ExecutionB.Ref },
        };
        var risk = Sys.ActorOf(Props.Create(() => new RiskActor(wiring)));
        Ready(risk);
        Ready(risk, Eth);
        return risk;
    }

    [Fact(DisplayName = "Each symbol's entry and close go to the execution of its venue only")]
    public void Entries_and_closes_go_to_the_symbols_venue()
    {
        var risk = StartTwoVenues();

        risk.Tell(Intent("e-btc", Trader.Ref));
        ExpectPlace(Execution, "e-btc").Symbol.Should().Be(Btc);
        ExecutionB.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        risk.Tell(Intent("e-eth", Trader.Ref, symbol: Eth, price: 3_000m, stopDistance: 10m));
        ExpectPlace(ExecutionB, "e-eth").Symbol.Should().Be(Eth);
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        risk.Tell(new ClosePosition(Eth, "e-eth", "horizon"));
        ExecutionB.ExpectMsg<ClosePosition>().EventId.Should().Be("e-eth");
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact(DisplayName = "A venue's free balance sizes only that venue's symbols")]
    public void Free_balance_is_per_venue()
    {
        var risk = StartTwoVenues();
        risk.Tell(new SetFreeBalance(0m, "b"));

        risk.Tell(Intent("e-eth", Trader.Ref, symbol: Eth, price: 3_000m, stopDistance: 10m));
        ExpectRejected(Trader, DropReason.InsufficientBalance);
        ExecutionB.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        risk.Tell(Intent("e-btc", Trader.Ref));
        ExpectPlace(Execution, "e-btc").Quantity.Should().BePositive("venue a still sizes on its own balance");
    }
}
