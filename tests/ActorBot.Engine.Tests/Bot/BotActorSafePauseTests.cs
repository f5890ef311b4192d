using ActorBot.Domain.Modes;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Symbols;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;

namespace ActorBot.Engine.Tests.Bot;

/// <summary>SAFE_PAUSE through the real bot and symbol actors, on virtual time (no sleeps).</summary>
public sealed class BotActorSafePauseTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly BotSettings Settings = new(
        TradeMode.Shadow,
        BotSettings.DefaultVenue,
        ["BTCUSDT", "ETHUSDT"],
        StaleTimeout: TimeSpan.FromSeconds(10),
        PauseHysteresis: TimeSpan.FromSeconds(5));

    private static readonly BotSettings BtcOnly = Settings with { Symbols = ["BTCUSDT"] };

    public BotActorSafePauseTests()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact(DisplayName = "Symbols start in SAFE_PAUSE until their first market data arrives")]
    public void StartsPausedWithoutData()
    {
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(Settings)), "bot");
        AwaitStatus(bot, s => s.Paused && s.PauseReasons.Count == 2);
        var status = Status(bot);
        status.PauseReasons.Should().Equal("stale market data for BTCUSDT", "stale market data for ETHUSDT");
        status.Mode.Should().Be(TradeMode.Shadow);
    }

    [Fact(DisplayName = "Fresh data clears the pause after the hysteresis; silence past the timeout pauses again")]
    public void FreshThenStale()
    {
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(Settings)), "bot");
        AwaitStatus(bot, s => s.PauseReasons.Count == 2);

        Feed(bot, "BTCUSDT", 0);
        Feed(bot, "ETHUSDT", 0);
        AwaitStatus(bot, s => s.ClearingReasons.Count == 2, "both symbols saw data at t=0");

        Scheduler.Advance(TimeSpan.FromSeconds(4));
        AwaitStatus(bot, s => s.Paused, "still inside the 5 s hysteresis window");
        Feed(bot, "BTCUSDT", 4_000);
        Feed(bot, "ETHUSDT", 4_000);
        Scheduler.Advance(TimeSpan.FromSeconds(2));
        AwaitStatus(bot, s => !s.Paused, "both causes stayed clear for 5 s");

        // Only ETH keeps ticking; BTC (last seen at t=4 s) goes silent past its 10 s stale timeout.
        for (var t = 8_000; t <= 16_000; t += 2_000)
        {
            Scheduler.Advance(TimeSpan.FromSeconds(2));
            Feed(bot, "ETHUSDT", t);
        }

        AwaitStatus(bot, s => s.PauseReasons.SequenceEqual(["stale market data for BTCUSDT"]));
        SymbolStatusOf(bot, "BTCUSDT").Should().Be(new SymbolStatus("BTCUSDT", Stale: true, LastEventTimeMs: 4_000, EntriesPaused: true));
        SymbolStatusOf(bot, "ETHUSDT").Should().Be(new SymbolStatus("ETHUSDT", Stale: false, LastEventTimeMs: 16_000, EntriesPaused: false));
    }

    [Fact(DisplayName = "Cluster entity: a symbol's first data after start clears its stale pause at once; a later stale spell waits out the hysteresis")]
    public void FirstDataClearsAtOnceInAnEntity()
    {
        var settings = BtcOnly with { FirstDataClearsAtOnce = true };
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(settings)), "bot");
        AwaitStatus(bot, s => s.Paused);
        Feed(bot, "BTCUSDT", 0);
        AwaitStatus(bot, s => !s.Paused, "first data after a takeover: no flapping history, no hysteresis");

        // Silent past the 10 s stale timeout, then fresh again: this clear waits the 5 s hysteresis as on one node.
        Scheduler.Advance(TimeSpan.FromSeconds(11));
        AwaitStatus(bot, s => s.PauseReasons.SequenceEqual(["stale market data for BTCUSDT"]));
        Feed(bot, "BTCUSDT", 11_000);
        AwaitStatus(bot, s => s.ClearingReasons.Count == 1);
        Scheduler.Advance(TimeSpan.FromSeconds(4));
        AwaitStatus(bot, s => s.Paused, "inside the hysteresis");
        Feed(bot, "BTCUSDT", 15_000);
        Scheduler.Advance(TimeSpan.FromSeconds(2));
        AwaitStatus(bot, s => !s.Paused);
    }

    [Fact(DisplayName = "Market data for a symbol the bot does not run is counted and dropped, nothing crashes")]
    public void UnknownSymbol()
    {
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(Settings)), "bot");
        bot.Tell(new MarketDataSeen("DOGEUSDT", 0));
        AwaitStatus(bot, s => s.UnknownSymbolMessages == 1);
        var query = () => bot.Ask<SymbolStatus>(new GetSymbolStatus("DOGEUSDT"), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        query.Should().Throw<ArgumentException>().WithMessage("*unknown symbol DOGEUSDT*");
    }

    [Fact(DisplayName = "The kill switch pauses every symbol at once and lifts at once when turned off")]
    public void KillSwitch()
    {
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(BtcOnly)), "bot");
        bot.Tell(new SetKillSwitch(true));
        AwaitStatus(bot, s => s.PauseReasons.Contains("kill switch on"));
        bot.Tell(new SetKillSwitch(false));
        AwaitStatus(bot, s => !s.PauseReasons.Contains("kill switch on"));
    }

    [Fact(DisplayName = "Bot-wide causes (kill switch, disabled venue) pause entries on a symbol whose own data is fresh")]
    public void BotWideCausesReachSymbols()
    {
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(Settings)), "bot");
        Feed(bot, "BTCUSDT", 0);
        Feed(bot, "ETHUSDT", 0);
        SymbolStatusOf(bot, "BTCUSDT").EntriesPaused.Should().BeFalse("fresh data and no other cause");

        bot.Tell(new SetKillSwitch(true));
        AwaitAssert(() => SymbolStatusOf(bot, "BTCUSDT").EntriesPaused.Should().BeTrue(), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        SymbolStatusOf(bot, "BTCUSDT").Stale.Should().BeFalse("the data itself is still fresh");
        bot.Tell(new SetKillSwitch(false));
        AwaitAssert(() => SymbolStatusOf(bot, "BTCUSDT").EntriesPaused.Should().BeFalse(), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));

        bot.Tell(new RaisePause(PauseReason.VenueDisabled(BotSettings.DefaultVenue)));
        AwaitAssert(() => SymbolStatusOf(bot, "ETHUSDT").EntriesPaused.Should().BeTrue(), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        bot.Tell(new RaisePause(PauseReason.VenueDisabled("another-venue")));
        bot.Tell(new ClearPause(PauseReason.VenueDisabled(BotSettings.DefaultVenue)));
        AwaitStatus(bot, s => s.ClearingReasons.Contains("venue binance-usdm disabled"));
        Scheduler.Advance(TimeSpan.FromSeconds(6));
        AwaitAssert(() => SymbolStatusOf(bot, "ETHUSDT").EntriesPaused.Should().BeFalse("another venue's outage does not pause this one"), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
    }

    [Fact(DisplayName = "With two venues, one venue Disabled pauses only the symbols that venue trades; the reason keeps its text")]
    public void VenueCausePausesOnlyItsSymbols()
    {
        var twoVenues = Settings with
        {
            VenueOfSymbol = new Dictionary<string, string> { ["BTCUSDT"] = BotSettings.DefaultVenue, ["ETHUSDT"] = "binance-b" },
            EnabledVenues = [BotSettings.DefaultVenue, "binance-b"],
        };
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(twoVenues)), "bot");
        Feed(bot, "BTCUSDT", 0);
        Feed(bot, "ETHUSDT", 0);
        // Past the hysteresis (not the stale timeout): the start-up stale causes are gone.
        Scheduler.Advance(TimeSpan.FromSeconds(6));
        AwaitStatus(bot, s => !s.Paused);

        bot.Tell(new RaisePause(PauseReason.VenueDisabled(BotSettings.DefaultVenue)));
        AwaitAssert(() => SymbolStatusOf(bot, "BTCUSDT").EntriesPaused.Should().BeTrue(), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        SymbolStatusOf(bot, "ETHUSDT").EntriesPaused.Should().BeFalse("binance-b trades ETHUSDT and is healthy");
        var status = Status(bot);
        status.PauseReasons.Should().Equal("venue binance-usdm disabled");
        status.PausedSymbols.Should().Equal("BTCUSDT");
        status.Venues.Should().Equal(BotSettings.DefaultVenue, "binance-b");
    }

    [Fact(DisplayName = "Every SAFE_PAUSE transition is published on the event stream")]
    public void PublishesTransitions()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(SafePauseChanged));
        var bot = Sys.ActorOf(Props.Create(() => new BotActor(BtcOnly)), "bot");
        ExpectMsg<SafePauseChanged>(m => m.Paused && m.Reasons.SequenceEqual(["stale market data for BTCUSDT"]));
        bot.Tell(new SetKillSwitch(true));
        ExpectMsg<SafePauseChanged>(m => m.Reasons.Count == 2);
    }

    /// <summary>Sends data through the bot and waits until the symbol actor applied it (FIFO via the bot).</summary>
    private void Feed(IActorRef bot, string symbol, long eventTimeMs)
    {
        bot.Tell(new MarketDataSeen(symbol, eventTimeMs));
        SymbolStatusOf(bot, symbol).LastEventTimeMs.Should().Be(eventTimeMs);
    }

    private static SymbolStatus SymbolStatusOf(IActorRef bot, string symbol) =>
        bot.Ask<SymbolStatus>(new GetSymbolStatus(symbol), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    private BotStatus Status(IActorRef bot) => bot.Ask<BotStatus>(GetBotStatus.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    private void AwaitStatus(IActorRef bot, Func<BotStatus, bool> condition, string because = "")
    {
        AwaitAssert(
            () => condition(Status(bot)).Should().BeTrue($"status was {Describe(Status(bot))} {because}"),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(20));
    }

    private static string Describe(BotStatus s) => $"paused={s.Paused} reasons=[{string.Join("; ", s.PauseReasons)}] clearing=[{string.Join("; ", s.ClearingReasons)}] unknown={s.UnknownSymbolMessages}";
}
