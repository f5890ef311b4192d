using ActorBot.Domain.Modes;
using ActorBot.Domain.Risk;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using Akka.Actor;
using Akka.TestKit;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>/user/bot creates /user/bot/risk and feeds it SAFE_PAUSE and the kill switch, on virtual time.</summary>
public sealed class BotRiskWiringTests : RiskActorTestBase
{
    private static readonly BotSettings BotSettings = new(TradeMode.Testnet, Engine.Bot.BotSettings.DefaultVenue, [Btc],
        StaleTimeout: TimeSpan.FromSeconds(10), PauseHysteresis: TimeSpan.FromSeconds(5));

    [Fact(DisplayName = "Risk lives at /user/bot/risk, sees a symbol's SAFE_PAUSE until its data is fresh, and the bot's kill switch")]
    public async Task BotFeedsRisk()
    {
        var wiring = new RiskWiring(Settings(), Execution.Ref);
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(BotSettings, null, wiring)), "bot");
        // Answered after PreStart, which created /risk.
        AwaitCondition(() => BotStatus(bot).Paused);
        var risk = await Sys.ActorSelection("/user/bot/risk").ResolveOne(TimeSpan.FromSeconds(5));
        risk.Tell(new SymbolWarmChanged(Btc, true));
        risk.Tell(Intent("e1", Trader.Ref));
        ExpectRejected(Trader, DropReason.SafePause);

        bot.Tell(new MarketDataSeen(Btc, Scheduler.Now.ToUnixTimeMilliseconds()));
        AwaitCondition(() => BotStatus(bot).ClearingReasons.Count == 1);
        Scheduler.Advance(TimeSpan.FromSeconds(7));
        AwaitCondition(() => !BotStatus(bot).Paused);
        risk.Tell(Intent("e2", Trader.Ref));
        ExpectPlace(Execution, "e2");

        bot.Tell(new SetKillSwitch(true));
        AwaitCondition(() => Status(risk).KillSwitchEngaged);
        risk.Tell(Intent("e3", Trader.Ref, "ETHUSDT"));
        ExpectRejected(Trader, DropReason.KillSwitch);
    }

    private static BotStatus BotStatus(IActorRef bot) =>
        bot.Ask<BotStatus>(GetBotStatus.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
}
