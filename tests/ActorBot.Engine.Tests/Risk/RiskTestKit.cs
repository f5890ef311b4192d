using ActorBot.Domain.Risk;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>Shared set-up of the /risk tests: settings, intents and the in-memory journal on the virtual clock.</summary>
internal static class RiskTestKit
{
    public const string Btc = "BTCUSDT";

    /// <summary>TestScheduler (virtual time) plus the in-memory journal and snapshot store (nothing on disk).</summary>
    public static Config VirtualTimeInMemory { get; } = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.loglevel = WARNING
        """).WithFallback(Akka.TestKit.Configs.TestConfigs.TestSchedulerConfig);

    /// <summary>Defaults of the reader with small numbers that make each rule easy to reach.</summary>
    public static RiskActorSettings Settings(Func<RiskSettings, RiskSettings>? rules = null, int snapshotEvery = 100)
    {
        var defaults = RiskSettingsReader.FromConfig(Config.Empty);
        var baseRules = new RiskSettings(DailyLossCapUsd: 50m, LossStreakMax: 3, SessionCooldownMinutes: 30, SlBufferMultiplier: 2m,
            MaxOpenTradesPerSymbol: 1, MaxOpenTradesGlobal: 2, MaxNotionalPerSymbolUsd: 1_000m);
        return defaults with { Rules = rules?.Invoke(baseRules) ?? baseRules, SnapshotEvery = snapshotEvery };
    }

    /// <summary>A long at 60,000 with a 100 USD stop: 5 USD risk → 0.05 BTC, capped by 1,000 USD notional to 0.016.</summary>
    public static TradeIntent Intent(string eventId, IActorRef trader, string symbol = Btc, int side = 1, decimal price = 60_000m, decimal stopDistance = 100m) =>
        new("binance-usdm", symbol, eventId, 0, side, price, price - (side * stopDistance), price + (side * 4 * stopDistance), trader);

    /// <summary>The symbol is warm and no SAFE_PAUSE cause holds it.</summary>
    public static void Ready(IActorRef risk, string symbol = Btc)
    {
        risk.Tell(new SymbolWarmChanged(symbol, true));
        risk.Tell(new EntriesPauseChanged(symbol, false));
    }

    public static RiskStatus Status(IActorRef risk) =>
        risk.Ask<RiskStatus>(GetRiskStatus.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    /// <summary>Only the non-zero drop counters, for exact comparisons.</summary>
    public static Dictionary<string, long> Drops(RiskStatus status) => status.DropsByReason.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static PlaceEntry ExpectPlace(TestProbe execution, string eventId)
    {
        var place = execution.ExpectMsg<PlaceEntry>(TimeSpan.FromSeconds(5));
        place.EventId.Should().Be(eventId);
        return place;
    }

    public static TradeRejected ExpectRejected(TestProbe trader, string reason)
    {
        var rejected = trader.ExpectMsg<TradeRejected>(TimeSpan.FromSeconds(5));
        rejected.Reason.Should().Be(reason, rejected.Detail);
        return rejected;
    }
}
