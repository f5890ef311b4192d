using ActorBot.Domain.Execution;
using ActorBot.Domain.Modes;
using ActorBot.Domain.Sizing;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Cluster;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// One filled-in instance of every cross-node message (every field set to a non-default value, decimals with their
/// scale, nested lists non-empty), so a field the serializer drops or mangles shows up in the round trip.
/// </summary>
internal static class ClusterMessageSamples
{
    /// <summary>The money path's messages: what the envelope carries to a symbol entity and back.</summary>
    public static IReadOnlyList<object> Trading(IActorRef replyTo) =>
    [
        new TradeIntent("binance", "BTCUSDT", "evt-1", 1_778_200_000_123, -1, 101_234.50m, 102_000.10m, 99_000.00m, replyTo),
        new TradeRejected("BTCUSDT", "evt-1", "daily_loss_cap", "realised -512.30 USD today"),
        new PlaceEntry("BTCUSDT", "evt-1", 1_778_200_000_123, 1, 0.012m, 99_500.5m, 104_000.25m, replyTo),
        new EntryFilled("BTCUSDT", "evt-1", 101_240.70m, 0.012m),
        new BracketsPlaced("BTCUSDT", "evt-1", 99_500.5m, 104_000.25m),
        new EntryFailed("BTCUSDT", "evt-1", "EXPIRED"),
        new PositionClosed("BTCUSDT", "evt-1", 104_000.25m, 0.012m, 33.11m, "tp"),
        new ClosePosition("BTCUSDT", "evt-1", "horizon"),
        new CancelAll(true, replyTo),
        new CancelAllDone("binance", 3, 2, 1, TimeSpan.FromMilliseconds(1234.5)),
        new SyncTrade("BTCUSDT", "BTCUSDT-1700000000000-1"),
    ];

    /// <summary>Every type in <see cref="ClusterMessages.Manifests"/>, envelopes wrapping a message of their own.</summary>
    public static IReadOnlyList<object> All(IActorRef replyTo) =>
    [
        .. Trading(replyTo),
        new ToSymbol("binance", "ETHUSDT", new TradeRejected("ETHUSDT", "evt-2", "warmup", "cold")),
        new AskVenue("binance", GetExecutionStatus.Instance),
        new GetEntityStatus(replyTo),
        new RaisePause(PauseReason.StaleData("BTCUSDT")),
        new ClearPause(PauseReason.ReconcileDrift("binance")),
        new SetKillSwitch(true),
        new ExternalPauseChanged("BTCUSDT", true),
        new SymbolWarmChanged("BTCUSDT", true),
        new EntriesPauseChanged("BTCUSDT", true),
        new SetSymbolFilters(new SymbolFilters("BTCUSDT", 0.10m, 556.80m, 4_529_764m, 0.001m, 0.001m, 1000m, 0.001m, 0.001m, 120m, 100m, 1.05m, 0.95m)),
        new SetFreeBalance(2_500.25m, "binance"),
        ResendRiskState.Instance,
        GetBotStatus.Instance,
        new BotStatus(TradeMode.Testnet, true, ["stale market data for BTCUSDT"], ["kill switch on"], ["BTCUSDT", "ETHUSDT"], "binance", 7, 2)
        {
            Venues = ["binance", "sim"],
            PausedSymbols = ["BTCUSDT"],
        },
        new GetSymbolStatus("BTCUSDT"),
        new SymbolStatus("BTCUSDT", true, 1_778_200_000_999, true),
        GetExecutionStatus.Instance,
        new ExecutionStatus(
            "binance",
            ExecutionPhase.Ready,
            2,
            [new InDoubtOrder("evt-3", "BTCUSDT", "ab-evt-3-e")],
            [new OwnedPosition("evt-1", "BTCUSDT", TradeDirection.Short, 0.012m, 101_240.70m, "ab-evt-1-sl", null)],
            new RestartReport(
                RestartPolicy.Adopt,
                [
                    new CancelOrderAction("BTCUSDT", "x-1", "foreign"),
                    new CancelAlgoOrderAction("BTCUSDT", "x-2", "orphan"),
                    new FlattenAction("ETHUSDT", OrderSide.Sell, 0.5m, "ab-flat-1"),
                    new PlaceBracketAction(new ConditionalOrder("BTCUSDT", OrderSide.Buy, ConditionalOrderType.StopMarket, 102_000.1m, 0.012m, true, false, WorkingType.MarkPrice, "ab-evt-1-sl", OrderLeg.StopLoss)),
                ],
                1,
                ["ETHUSDT"],
                ["BTCUSDT"],
                1,
                2,
                ["SOLUSDT"]),
            new Dictionary<string, long> { ["POST /fapi/v1/order ok"] = 4, ["fill duplicate"] = 1 }),
        GetAccountStatus.Instance,
        new AccountStatus(
            "binance",
            [new AccountBalance("USDT", 5_000.50m, 4_321.09m)],
            [new HeldPosition("BTCUSDT", -0.012m, 101_240.70m)],
            [new OrderResponse(42, "BTCUSDT", "NEW", "ab-evt-4-e", 0m, 0m, 0.012m, 0m, 0m, "GTC", "MARKET", false, false, "SELL", "BOTH", 0m, "CONTRACT_PRICE", "MARKET", 1_778_200_000_001, 1_778_200_000_002)],
            [new AlgoOrderResponse(7, "ab-evt-1-sl", "CONDITIONAL", "STOP_MARKET", "BTCUSDT", "BUY", "BOTH", "GTC", 0.012m, "NEW", 102_000.1m, null, "MARK_PRICE", false, true, true, 1_778_200_000_003, null, null, null, null)],
            3,
            4,
            1,
            20,
            2,
            5,
            1_778_200_001_000,
            6,
            new Dictionary<string, long> { ["position_mismatch"] = 4, ["orphan_order"] = 2 },
            true,
            [new SymbolSetup("BTCUSDT", 5, "ISOLATED", "ok")]),
        GetVenueHealth.Instance,
        new VenueHealth("binance", VenueStatus.Disabled, false, VenueStatus.Healthy, "stream down since 12:00:01"),
    ];
}
