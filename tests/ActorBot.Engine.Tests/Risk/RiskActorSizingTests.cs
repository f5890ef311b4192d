using ActorBot.Domain.Risk;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.TestKit;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>Sizing and exchange filters inside /risk: a size under a minimum is dropped with its reason, never inflated.</summary>
public sealed class RiskActorSizingTests : RiskActorTestBase
{
    /// <summary>Every sizing test starts from a warm, unpaused symbol.</summary>
    private IActorRef StartReady(RiskActorSettings settings)
    {
        var risk = StartRisk(settings);
        Ready(risk);
        return risk;
    }

    [Fact(DisplayName = "A risk budget that buys less than minQty is dropped as min_qty, not rounded up")]
    public void MinQtyNotInflated()
    {
        var risk = StartReady(Settings() with { QuoteRiskPerTrade = 0.05m });
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectRejected(Trader, DropReason.MinQty);
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.MinQty] = 1 });
    }

    [Fact(DisplayName = "A capped size whose notional is under MIN_NOTIONAL is dropped as min_notional, not raised to the minimum")]
    public void MinNotionalNotInflated()
    {
        var settings = Settings();
        settings = settings with { DefaultFilters = settings.DefaultFilters with { MinNotional = 1_000m } };
        var risk = StartReady(settings);
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectRejected(Trader, DropReason.MinNotional).Detail.Should().Contain("960");
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact(DisplayName = "A stop on the profit side is dropped as invalid_stop")]
    public void InvalidStop()
    {
        var risk = StartReady(Settings());
        risk.Tell(Intent("e1", Trader.Ref, stopDistance: -100m));
        ExpectRejected(Trader, DropReason.InvalidStop);
    }

    [Fact(DisplayName = "Filters set at run time (exchangeInfo) replace the configured ones for that symbol")]
    public void RuntimeFilters()
    {
        var risk = StartReady(Settings());
        risk.Tell(new SetSymbolFilters(RiskSettingsReader.DefaultFilters with { Symbol = Btc, StepSize = 0.01m, MinQty = 0.01m }));
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectPlace(Execution, "e1").Quantity.Should().Be(0.01m, "0.01666 floored to a 0.01 step");
    }

    [Fact(DisplayName = "State rules come before sizing: a paused symbol is counted as safe_pause even when its size would fail too")]
    public void StateRulesComeFirst()
    {
        var risk = StartReady(Settings() with { QuoteRiskPerTrade = 0.05m });
        risk.Tell(new EntriesPauseChanged(Btc, true));
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectRejected(Trader, DropReason.SafePause);
    }

    [Fact(DisplayName = "A re-sent intent for an approved entry is ignored: no second order, no drop")]
    public void ResentIntentIgnored()
    {
        var risk = StartReady(Settings());
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectPlace(Execution, "e1");
        risk.Tell(Intent("e1", Trader.Ref));
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Trader.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Drops(Status(risk)).Should().BeEmpty();
    }
}
