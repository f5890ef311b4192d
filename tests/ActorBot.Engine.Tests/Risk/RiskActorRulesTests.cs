using ActorBot.Domain.Risk;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.TestKit;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>Every rule of /risk reached through the actor, on virtual time, each drop counted under its reason.</summary>
public sealed class RiskActorRulesTests : RiskActorTestBase
{
    [Fact(DisplayName = "An approved intent is sized (risk budget, then notional cap, floored to the step) and placed with risk as the reply target")]
    public void ApprovedIsSizedAndPlaced()
    {
        var risk = StartRisk();
        Ready(risk);
        risk.Tell(Intent("e1", Trader.Ref));
        var place = ExpectPlace(Execution, "e1");
        place.Quantity.Should().Be(0.016m, "5 USD / 100 USD = 0.05 BTC, capped at 1,000 USD / 60,000 = 0.01666 → 0.016");
        place.StopPrice.Should().Be(59_900m);
        place.TakeProfitPrice.Should().Be(60_400m);
        place.ReplyTo.Should().Be(risk);
        Trader.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Status(risk).OpenTradesBySymbol.Should().Equal(new Dictionary<string, int> { [Btc] = 1 });
    }

    [Fact(DisplayName = "A symbol that is not warm is dropped as warmup")]
    public void Warmup()
    {
        var risk = StartRisk();
        risk.Tell(new EntriesPauseChanged(Btc, false));
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectRejected(Trader, DropReason.Warmup);
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.Warmup] = 1 });
    }

    [Fact(DisplayName = "A symbol risk has heard nothing about is in SAFE_PAUSE; a pause from the bot blocks a warm symbol too")]
    public void SafePause()
    {
        var risk = StartRisk();
        risk.Tell(new SymbolWarmChanged(Btc, true));
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectRejected(Trader, DropReason.SafePause);
        risk.Tell(new EntriesPauseChanged(Btc, false));
        risk.Tell(new EntriesPauseChanged(Btc, true));
        risk.Tell(Intent("e2", Trader.Ref));
        ExpectRejected(Trader, DropReason.SafePause);
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.SafePause] = 2 });
    }

    [Fact(DisplayName = "The kill switch blocks every entry until the operator releases it")]
    public void KillSwitch()
    {
        var risk = StartRisk();
        Ready(risk);
        risk.Tell(new SetKillSwitch(true));
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectRejected(Trader, DropReason.KillSwitch);
        Status(risk).KillSwitchEngaged.Should().BeTrue();
        risk.Tell(new SetKillSwitch(false));
        risk.Tell(Intent("e2", Trader.Ref));
        ExpectPlace(Execution, "e2");
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.KillSwitch] = 1 });
    }

    [Fact(DisplayName = "A second open trade on a symbol is dropped as max_open_trades_symbol; a failed entry frees the slot")]
    public void MaxOpenPerSymbol()
    {
        var risk = StartRisk();
        Ready(risk);
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectPlace(Execution, "e1");
        risk.Tell(Intent("e2", Trader.Ref));
        ExpectRejected(Trader, DropReason.MaxOpenTradesSymbol);

        risk.Tell(new EntryFailed(Btc, "e1", "expired"));
        Trader.ExpectMsg<EntryFailed>().EventId.Should().Be("e1");
        risk.Tell(Intent("e3", Trader.Ref));
        ExpectPlace(Execution, "e3");
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.MaxOpenTradesSymbol] = 1 });
    }

    [Fact(DisplayName = "A third open trade across symbols is dropped as max_open_trades_global")]
    public void MaxOpenGlobal()
    {
        var risk = StartRisk();
        foreach (var symbol in new[] { Btc, "ETHUSDT", "SOLUSDT" })
        {
            Ready(risk, symbol);
        }

        risk.Tell(Intent("b", Trader.Ref, Btc));
        ExpectPlace(Execution, "b");
        risk.Tell(Intent("e", Trader.Ref, "ETHUSDT"));
        ExpectPlace(Execution, "e");
        risk.Tell(Intent("s", Trader.Ref, "SOLUSDT"));
        ExpectRejected(Trader, DropReason.MaxOpenTradesGlobal);
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.MaxOpenTradesGlobal] = 1 });
    }

    [Fact(DisplayName = "A trade that would take a symbol's notional over its cap is dropped as max_notional_symbol")]
    public void NotionalCap()
    {
        var risk = StartRisk(Settings(r => r with { MaxOpenTradesPerSymbol = 3, MaxOpenTradesGlobal = 3 }));
        Ready(risk);
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectPlace(Execution, "e1");
        risk.Tell(Intent("e2", Trader.Ref));
        ExpectRejected(Trader, DropReason.MaxNotionalSymbol);
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.MaxNotionalSymbol] = 1 });
    }

    [Theory(DisplayName = "At 50x a 1 % stop lies beyond the liquidation price: dropped as near_liquidation_long / _short")]
    [InlineData(1, DropReason.NearLiquidationLong)]
    [InlineData(-1, DropReason.NearLiquidationShort)]
    public void NearLiquidation(int side, string reason)
    {
        var risk = StartRisk(Settings() with { Leverage = 50m });
        Ready(risk);
        risk.Tell(Intent("e1", Trader.Ref, side: side, stopDistance: 600m));
        ExpectRejected(Trader, reason);
        Execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [reason] = 1 });
    }

    [Fact(DisplayName = "Losses that reach the daily cap block entries for the rest of the UTC day; the next day trades again")]
    public void DailyCap()
    {
        var risk = StartRisk();
        Ready(risk);
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectPlace(Execution, "e1");
        risk.Tell(new EntryFilled(Btc, "e1", 60_000m, 0.016m));
        Trader.ExpectMsg<EntryFilled>();
        risk.Tell(new PositionClosed(Btc, "e1", 56_000m, 0.016m, -64m, "sl"));
        Trader.ExpectMsg<PositionClosed>().RealizedPnl.Should().Be(-64m, "the close reaches the trader after risk applied it");

        risk.Tell(Intent("e2", Trader.Ref));
        ExpectRejected(Trader, DropReason.DailyCap);
        var status = Status(risk);
        status.RealisedPnlTodayUsd.Should().Be(-64m);
        status.OpenTradesBySymbol.Should().BeEmpty();

        var now = Scheduler.Now.ToUnixTimeMilliseconds();
        Scheduler.Advance(TimeSpan.FromMilliseconds(UtcDay.StartMs(UtcDay.Of(now) + 1) - now + 1));
        risk.Tell(Intent("e3", Trader.Ref));
        ExpectPlace(Execution, "e3");
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.DailyCap] = 1 });
    }

    [Fact(DisplayName = "loss-streak-max losses in a row start a cooldown (loss_streak) that ends on the virtual clock")]
    public void LossStreakCooldown()
    {
        var risk = StartRisk(Settings(r => r with { LossStreakMax = 2, SessionCooldownMinutes = 30 }));
        Ready(risk);
        foreach (var id in new[] { "l1", "l2" })
        {
            risk.Tell(Intent(id, Trader.Ref));
            ExpectPlace(Execution, id);
            risk.Tell(new EntryFilled(Btc, id, 60_000m, 0.016m));
            risk.Tell(new PositionClosed(Btc, id, 59_900m, 0.016m, -1.6m, "sl"));
            Trader.ExpectMsg<EntryFilled>();
            Trader.ExpectMsg<PositionClosed>();
        }

        risk.Tell(Intent("e3", Trader.Ref));
        ExpectRejected(Trader, DropReason.LossStreak);
        Status(risk).CooldownUntilMs.Should().NotBeNull();

        Scheduler.Advance(TimeSpan.FromMinutes(29));
        risk.Tell(Intent("e4", Trader.Ref));
        ExpectRejected(Trader, DropReason.LossStreak);
        Scheduler.Advance(TimeSpan.FromMinutes(1));
        risk.Tell(Intent("e5", Trader.Ref));
        ExpectPlace(Execution, "e5");
        Drops(Status(risk)).Should().Equal(new Dictionary<string, long> { [DropReason.LossStreak] = 2 });
    }

    [Fact(DisplayName = "A duplicate close is applied once: the loss counts once against the day")]
    public void DuplicateCloseCountsOnce()
    {
        var risk = StartRisk();
        Ready(risk);
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectPlace(Execution, "e1");
        risk.Tell(new PositionClosed(Btc, "e1", 59_900m, 0.016m, -10m, "sl"));
        risk.Tell(new PositionClosed(Btc, "e1", 59_900m, 0.016m, -10m, "sl"));
        var status = Status(risk);
        status.RealisedPnlTodayUsd.Should().Be(-10m);
        status.LossStreak.Should().Be(1);
    }
}
