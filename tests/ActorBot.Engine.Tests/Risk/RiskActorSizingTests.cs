using ActorBot.Domain.Risk;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.TestKit;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>Sizing and exchange filters inside /risk: a size under a minimum is dropped with its reason, never inflated.</summary>
public sealed class RiskActorSizingTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _execution;
    private readonly TestProbe _trader;

    public RiskActorSizingTests()
        : base(VirtualTimeInMemory)
    {
        _execution = CreateTestProbe();
        _trader = CreateTestProbe();
    }

    private IActorRef StartRisk(RiskActorSettings settings)
    {
        var risk = Sys.ActorOf(Props.Create(() => new RiskActor(settings, _execution.Ref)));
        Ready(risk);
        return risk;
    }

    [Fact(DisplayName = "A risk budget that buys less than minQty is dropped as min_qty, not rounded up")]
    public void MinQtyNotInflated()
    {
        var risk = StartRisk(Settings() with { QuoteRiskPerTrade = 0.05m });
        risk.Tell(Intent("e1", _trader.Ref));
        ExpectRejected(_trader, DropReason.MinQty);
        _execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.MinQty] = 1 });
    }

    [Fact(DisplayName = "A capped size whose notional is under MIN_NOTIONAL is dropped as min_notional, not raised to the minimum")]
    public void MinNotionalNotInflated()
    {
        var settings = Settings();
        settings = settings with { DefaultFilters = settings.DefaultFilters with { MinNotional = 1_000m } };
        var risk = StartRisk(settings);
        risk.Tell(Intent("e1", _trader.Ref));
        ExpectRejected(_trader, DropReason.MinNotional).Detail.Should().Contain("960");
        _execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact(DisplayName = "A stop on the profit side is dropped as invalid_stop")]
    public void InvalidStop()
    {
        var risk = StartRisk(Settings());
        risk.Tell(Intent("e1", _trader.Ref, stopDistance: -100m));
        ExpectRejected(_trader, DropReason.InvalidStop);
    }

    [Fact(DisplayName = "Filters set at run time (exchangeInfo) replace the configured ones for that symbol")]
    public void RuntimeFilters()
    {
        var risk = StartRisk(Settings());
        risk.Tell(new SetSymbolFilters(RiskSettingsReader.DefaultFilters with { Symbol = Btc, StepSize = 0.01m, MinQty = 0.01m }));
        risk.Tell(Intent("e1", _trader.Ref));
        ExpectPlace(_execution, "e1").Quantity.Should().Be(0.01m, "0.01666 floored to a 0.01 step");
    }

    [Fact(DisplayName = "State rules come before sizing: a paused symbol is counted as safe_pause even when its size would fail too")]
    public void StateRulesComeFirst()
    {
        var risk = StartRisk(Settings() with { QuoteRiskPerTrade = 0.05m });
        risk.Tell(new EntriesPauseChanged(Btc, true));
        risk.Tell(Intent("e1", _trader.Ref));
        ExpectRejected(_trader, DropReason.SafePause);
    }

    [Fact(DisplayName = "A re-sent intent for an approved entry is ignored: no second order, no drop")]
    public void ResentIntentIgnored()
    {
        var risk = StartRisk(Settings());
        risk.Tell(Intent("e1", _trader.Ref));
        ExpectPlace(_execution, "e1");
        risk.Tell(Intent("e1", _trader.Ref));
        _execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _trader.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Drops(Status(risk)).Should().BeEmpty();
    }
}
