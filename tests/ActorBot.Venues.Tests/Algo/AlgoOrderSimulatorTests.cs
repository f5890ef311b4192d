using System.Collections.Concurrent;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Binance.UserData;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Tests.Simulator;
using ActorBot.Venues.Tests.Streams;

namespace ActorBot.Venues.Tests.Algo;

/// <summary>Conditional orders through the Algo Order API, adapter against simulator over real sockets.</summary>
public sealed class AlgoOrderSimulatorTests
{
    [Fact(DisplayName = "Entry MARKET, SL and TP algo orders; trades lift the price to the TP, which closes the position; the SL expires; ALGO_UPDATE and ORDER_TRADE_UPDATE arrive")]
    public async Task TakeProfitClosesTrade()
    {
        await using var ctx = await Context.StartAsync();
        var (host, rest) = (ctx.Host, ctx.Rest);
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);

        (await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "entry-1", 2m))).Value!.Status.Should().Be("FILLED");
        var sl = await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "sl-1", 95m, ClosePosition: true, WorkingType: "MARK_PRICE"));
        var tp = await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "TAKE_PROFIT_MARKET", "tp-1", 105.5m, Quantity: 2m, ReduceOnly: true));
        sl.Value!.AlgoStatus.Should().Be("NEW");
        tp.Value!.AlgoStatus.Should().Be("NEW");
        (await rest.GetOpenAlgoOrdersAsync("BTCUSDT")).Value!.Select(a => a.ClientAlgoId).Should().Equal("sl-1", "tp-1");

        host.PublishTrade("BTCUSDT", 103m, 1m, 2);
        (await rest.QueryAlgoOrderAsync("tp-1")).Value!.AlgoStatus.Should().Be("NEW", "103 is below the trigger");
        host.PublishTrade("BTCUSDT", 106m, 1m, 3);

        await ctx.Until(() => ctx.Algo("tp-1", "FINISHED") && ctx.Algo("sl-1", "EXPIRED"), "TP finished, SL expired");
        host.Engine.PositionAmount("BTCUSDT").Should().Be(0m);
        ctx.AlgoStatuses("tp-1").Should().Equal("NEW", "TRIGGERING", "TRIGGERED", "FINISHED");
        var exit = ctx.Events.OfType<OrderTradeUpdate>().Single(o => o.ClientOrderId == "tp-1" && o.ExecutionType == "TRADE");
        exit.Status.Should().Be("FILLED");
        exit.OrderType.Should().Be("MARKET");
        exit.OriginalOrderType.Should().Be("TAKE_PROFIT_MARKET");
        exit.LastFilledQuantity.Should().Be(2m);
        exit.CumulativeFilledQuantity.Should().Be(2m);
        exit.LastFilledPrice.Should().Be(106m);
        exit.RealizedProfit.Should().Be(12m, "(106 - 100) x 2");
        exit.PositionSide.Should().Be("BOTH");
        exit.TradeId.Should().BePositive();
        var finished = ctx.Events.OfType<AlgoUpdate>().Last(a => a.ClientAlgoId == "tp-1");
        finished.ExchangeOrderId.Should().Be(exit.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        finished.ExecutedQuantity.Should().Be(2m);
        (await rest.GetOpenAlgoOrdersAsync()).Value!.Should().BeEmpty();
        host.RetiredRootConnects.Should().Be(0);
    }

    [Fact(DisplayName = "A MARK_PRICE stop ignores trades and triggers on the mark price, closing a short")]
    public async Task MarkPriceStopLoss()
    {
        await using var ctx = await Context.StartAsync();
        var (host, rest) = (ctx.Host, ctx.Rest);
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        host.Engine.OnMarkPrice("BTCUSDT", 100m);
        await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "SELL", "MARKET", "short-1", 1m));
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "BUY", "STOP_MARKET", "sl-2", 105m, ClosePosition: true, WorkingType: "MARK_PRICE"))).IsSuccess.Should().BeTrue();

        host.PublishTrade("BTCUSDT", 106m, 1m, 2);
        (await rest.QueryAlgoOrderAsync("sl-2")).Value!.AlgoStatus.Should().Be("NEW", "trades do not move a MARK_PRICE stop once a mark feed exists");
        host.Engine.OnMarkPrice("BTCUSDT", 105.5m);

        await ctx.Until(() => ctx.Algo("sl-2", "FINISHED"), "stop finished");
        host.Engine.PositionAmount("BTCUSDT").Should().Be(0m);
        var fill = ctx.Events.OfType<OrderTradeUpdate>().Single(o => o.ClientOrderId == "sl-2" && o.ExecutionType == "TRADE");
        fill.RealizedProfit.Should().BeNegative();
        fill.IsClosePosition.Should().BeTrue();
        (await rest.QueryAlgoOrderAsync("sl-2")).Value!.ActualOrderId.Should().Be(fill.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact(DisplayName = "A STOP_MARKET sent to /fapi/v1/order is refused with -4120 and the venue's message")]
    public async Task ConditionalOnOrderEndpointRefused()
    {
        await using var ctx = await Context.StartAsync();
        ctx.Host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        foreach (var type in new[] { "STOP_MARKET", "TAKE_PROFIT_MARKET", "STOP", "TAKE_PROFIT", "TRAILING_STOP_MARKET" })
        {
            var refused = await ctx.Rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "SELL", type, "c-" + type[..4], 1m, StopPrice: 90m));
            refused.Failure.Should().Be(RestFailureKind.Rejected);
            refused.Error!.Code.Should().Be(BinanceError.ConditionalNeedsAlgoApi);
            refused.Error.Message.Should().Be("Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
        }

        ctx.Host.Engine.OrderCount.Should().Be(0);
    }

    [Fact(DisplayName = "Cancel one by clientAlgoId, then cancel-all: every open algo order is CANCELED with an ALGO_UPDATE each")]
    public async Task CancelAndCancelAll()
    {
        await using var ctx = await Context.StartAsync();
        var (host, rest) = (ctx.Host, ctx.Rest);
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        host.PublishTrade("ETHUSDT", 10m, 1m, 1);
        await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "e-1", 1m));
        foreach (var (id, trigger) in new[] { ("a-1", 90m), ("a-2", 91m), ("a-3", 92m) })
        {
            (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", id, trigger, Quantity: 1m, ReduceOnly: true))).IsSuccess.Should().BeTrue();
        }

        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("ETHUSDT", "SELL", "STOP_MARKET", "eth-1", 9m, Quantity: 1m))).IsSuccess.Should().BeTrue();

        var cancelled = await rest.CancelAlgoOrderAsync("a-1");
        cancelled.Value!.ClientAlgoId.Should().Be("a-1");
        (await rest.CancelAlgoOrderAsync("a-1")).Error!.Code.Should().Be(BinanceError.CancelRejected, "it is no longer open");

        var all = await rest.CancelAllAlgoOrdersAsync("BTCUSDT");
        all.Value!.Code.Should().Be(200);
        (await rest.GetOpenAlgoOrdersAsync("BTCUSDT")).Value!.Should().BeEmpty();
        (await rest.GetOpenAlgoOrdersAsync()).Value!.Select(a => a.ClientAlgoId).Should().Equal("eth-1");
        await ctx.Until(() => new[] { "a-1", "a-2", "a-3" }.All(id => ctx.Algo(id, "CANCELED")), "ALGO_UPDATE CANCELED for each");
        (await rest.QueryAlgoOrderAsync("a-2")).Value!.AlgoStatus.Should().Be("CANCELED");
        host.Engine.PositionAmount("BTCUSDT").Should().Be(1m, "cancelling algo orders leaves the position alone");
    }

    [Fact(DisplayName = "Validation follows the venue: duplicate clientAlgoId -4116, would-trigger -2021, quantity with closePosition -1106, missing trigger -1102")]
    public async Task Validation()
    {
        await using var ctx = await Context.StartAsync();
        var rest = ctx.Rest;
        ctx.Host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "dup", 90m, Quantity: 1m))).IsSuccess.Should().BeTrue();
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "dup", 80m, Quantity: 1m))).Error!.Code.Should().Be(BinanceError.DuplicateClientOrderId);
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "now", 101m, Quantity: 1m))).Error!.Code.Should().Be(BinanceError.OrderWouldImmediatelyTrigger);
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "both", 90m, Quantity: 1m, ClosePosition: true))).Error!.Code.Should().Be(BinanceError.NotRequiredParameter);
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "none", 90m))).Error!.Code.Should().Be(BinanceError.MandatoryParamMissing);
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "bad id!", 90m, Quantity: 1m))).Error!.Code.Should().Be(BinanceError.InvalidClientOrderId);
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "wt", 90m, Quantity: 1m, WorkingType: "INDEX"))).Error!.Code.Should().Be(BinanceError.InvalidParameter);
        (await rest.QueryAlgoOrderAsync("missing")).Error!.Code.Should().Be(BinanceError.NoSuchOrder);
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "dup-2", 90.5m, Quantity: 1.25m))).Value!.Quantity.Should().Be(1.25m);
    }

    [Fact(DisplayName = "An algo order answered 503 (unknown outcome) is looked up by clientAlgoId, not sent twice")]
    public async Task InDoubtLookedUp()
    {
        await using var ctx = await Context.StartAsync();
        ctx.Host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        ctx.Host.Faults.OrderUnknownRemaining = 1;
        var placed = await ctx.Rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "doubt-1", 90m, Quantity: 1m));
        placed.IsSuccess.Should().BeTrue();
        placed.Value!.ClientAlgoId.Should().Be("doubt-1");
        ctx.Rest.OrderLookups.Should().Be(1);
        ctx.Host.Engine.OpenAlgoOrderCount.Should().Be(1);
    }

    [Fact(DisplayName = "A partially filled entry and a reduce-only stop: fills carry distinct trade ids and the stop closes exactly the position")]
    public async Task PartialFillsCarryTradeIds()
    {
        await using var ctx = await Context.StartAsync();
        var (host, rest) = (ctx.Host, ctx.Rest);
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        host.Engine.PartialFills = true;
        (await rest.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "entry-p", 1m))).Value!.Status.Should().Be("FILLED");
        await ctx.Until(() => ctx.Events.OfType<OrderTradeUpdate>().Count(o => o.ClientOrderId == "entry-p" && o.ExecutionType == "TRADE") == 2, "two fills");
        var fills = ctx.Events.OfType<OrderTradeUpdate>().Where(o => o.ClientOrderId == "entry-p" && o.ExecutionType == "TRADE").ToList();
        fills.Select(f => f.TradeId).Should().OnlyHaveUniqueItems();
        fills[0].Status.Should().Be("PARTIALLY_FILLED");
        fills[0].LastFilledQuantity.Should().Be(0.5m);
        fills[1].CumulativeFilledQuantity.Should().Be(1m);

        host.Engine.PartialFills = false;
        (await rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "sl-p", 95m, Quantity: 1m, ReduceOnly: true))).IsSuccess.Should().BeTrue();
        host.PublishTrade("BTCUSDT", 94m, 1m, 2);
        await ctx.Until(() => ctx.Algo("sl-p", "FINISHED"), "stop finished");
        host.Engine.PositionAmount("BTCUSDT").Should().Be(0m);
    }

    [Fact(DisplayName = "A reduce-only stop whose position is already gone is REJECTED on trigger, not turned into a new position")]
    public async Task ReduceOnlyWithoutPositionRejected()
    {
        await using var ctx = await Context.StartAsync();
        ctx.Host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        (await ctx.Rest.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "orphan", 95m, Quantity: 1m, ReduceOnly: true))).IsSuccess.Should().BeTrue();
        ctx.Host.PublishTrade("BTCUSDT", 94m, 1m, 2);
        await ctx.Until(() => ctx.Algo("orphan", "REJECTED"), "rejected on trigger");
        ctx.Events.OfType<AlgoUpdate>().Last(a => a.ClientAlgoId == "orphan").RejectReason.Should().Be("Reduce Only reject");
        ctx.Host.Engine.PositionAmount("BTCUSDT").Should().Be(0m);
    }

    /// <summary>Simulator, REST client and a user-data stream on /private collecting every event.</summary>
    private sealed class Context : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly UserDataStreamClient _stream;

        private Context(SimulatorHost host, BinanceRestClient rest, HttpClient http)
        {
            Host = host;
            Rest = rest;
            _http = http;
            _stream = new UserDataStreamClient(rest, host.WsUri, new DecodeErrorCounter(), e =>
            {
                Events.Enqueue(e);
                return ValueTask.CompletedTask;
            })
            { RetryDelay = TimeSpan.FromMilliseconds(20) };
        }

        public SimulatorHost Host { get; }

        public BinanceRestClient Rest { get; }

        public ConcurrentQueue<UserDataEvent> Events { get; } = new();

        public static async Task<Context> StartAsync()
        {
            var host = await Sim.StartAsync();
            var (rest, http) = Sim.Client(host);
            var ctx = new Context(host, rest, http);
            ctx._stream.Start();
            await Eventually.True(() => ctx._stream.Connects == 1 && host.Streams.SessionCount == 1, "user stream connected");
            return ctx;
        }

        public bool Algo(string clientAlgoId, string status) =>
            Events.OfType<AlgoUpdate>().Any(a => a.ClientAlgoId == clientAlgoId && a.Status == status);

        public IReadOnlyList<string> AlgoStatuses(string clientAlgoId) =>
            Events.OfType<AlgoUpdate>().Where(a => a.ClientAlgoId == clientAlgoId).Select(a => a.Status).ToList();

        public Task Until(Func<bool> condition, string what) =>
            Eventually.True(condition, what, diagnostics: () => string.Join(" | ", Events.Select(e => e.ToString()).TakeLast(12)));

        public async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            _http.Dispose();
            await Host.DisposeAsync();
        }
    }
}
