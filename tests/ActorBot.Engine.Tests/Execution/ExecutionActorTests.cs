using ActorBot.Engine.Trading;
using ActorBot.Venues.Binance.UserData;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Execution;

/// <summary>
/// /venues/{v}/execution against the venue simulator over loopback sockets, on the real SQLite journal: entry,
/// Algo-API brackets, TP/SL closes, refused brackets, duplicate fills, in-doubt entries, restart-flatten, cancel-all.
/// Prices are driven with the simulator's trade/mark inputs; every wait is bounded on a real condition.
/// </summary>
public sealed class ExecutionActorTests
{
    private const string Btc = ExecutionHarness.Symbol;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(DisplayName = "Long entry fills, SL and TP are placed from the fill; a trade at the TP closes it: PositionClosed(tp) with PnL, SL canceled, venue flat")]
    public async Task TakeProfitPath()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution();

        exec.Tell(new PlaceEntry(Btc, "ev-tp", 1_700_000_000_000, 1, 2m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait).Should().Be(new EntryFilled(Btc, "ev-tp", 100m, 2m));
        h.Trader.ExpectMsg<BracketsPlaced>(Wait).Should().Be(new BracketsPlaced(Btc, "ev-tp", 95m, 106m));
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(2);

        h.Host.PublishTrade(Btc, 107m, 1m, 2);
        var closed = h.Trader.ExpectMsg<PositionClosed>(Wait);
        closed.Should().Be(new PositionClosed(Btc, "ev-tp", 107m, 2m, 14m, "tp"));
        h.Kit.AwaitAssert(() => h.Host.Engine.OpenAlgoOrderCount.Should().Be(0, "the SL sibling is canceled"), Wait);
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
        h.Status(exec).OpenPositions.Should().BeEmpty();
    }

    [Fact(DisplayName = "Short entry: a trade through the stop closes it: PositionClosed(sl) with a loss, TP canceled")]
    public async Task StopLossPath()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution();

        exec.Tell(new PlaceEntry(Btc, "ev-sl", 1_700_000_060_000, -1, 1m, 103m, 90m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait).AveragePrice.Should().Be(100m);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait).Should().Be(new BracketsPlaced(Btc, "ev-sl", 103m, 90m));

        h.Host.PublishTrade(Btc, 104m, 1m, 2);
        h.Trader.ExpectMsg<PositionClosed>(Wait).Should().Be(new PositionClosed(Btc, "ev-sl", 104m, 1m, -4m, "sl"));
        h.Kit.AwaitAssert(() => h.Host.Engine.OpenAlgoOrderCount.Should().Be(0), Wait);
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
    }

    [Fact(DisplayName = "The venue refuses the stop (-2021, mark already below it): the position is flattened at once and the TP canceled")]
    public async Task RefusedBracketFlattens()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        h.Host.Engine.OnMarkPrice(Btc, 90m);
        var exec = h.StartExecution();

        exec.Tell(new PlaceEntry(Btc, "ev-refused", 1_700_000_120_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        var closed = h.Trader.ExpectMsg<PositionClosed>(Wait);
        closed.Reason.Should().Be("flatten_bracket_failed");
        closed.Quantity.Should().Be(1m);
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
        h.Kit.AwaitAssert(() => h.Host.Engine.OpenAlgoOrderCount.Should().Be(0, "the TP that was placed is canceled"), Wait);
        h.Status(exec).Counters.Should().ContainKey("POST /fapi/v1/algoOrder Rejected -2021");
    }

    [Fact(DisplayName = "Partial fills accumulate; the same ORDER_TRADE_UPDATE delivered again is counted once")]
    public async Task DuplicateFillsCountedOnce()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        h.Host.Engine.PartialFills = true;
        var exec = h.StartExecution();

        exec.Tell(new PlaceEntry(Btc, "ev-dup", 1_700_000_180_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait).Should().Be(new EntryFilled(Btc, "ev-dup", 100m, 1m));
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Kit.AwaitAssert(() => h.Events.OfType<OrderTradeUpdate>().Count(u => u.ExecutionType == "TRADE" && u.ClientOrderId.Contains("-e0-", StringComparison.Ordinal)).Should().Be(2), Wait);
        var fills = h.Events.OfType<OrderTradeUpdate>().Where(u => u.ExecutionType == "TRADE" && u.ClientOrderId.Contains("-e0-", StringComparison.Ordinal)).ToList();
        var before = h.Status(exec).Counters.GetValueOrDefault("fill duplicate");

        foreach (var again in fills.Concat(fills))
        {
            exec.Tell(again);
        }

        h.Kit.AwaitAssert(() => h.Status(exec).Counters.GetValueOrDefault("fill duplicate").Should().Be(before + 4), Wait);
        var position = h.Status(exec).OpenPositions.Should().ContainSingle().Subject;
        position.Quantity.Should().Be(1m);
        position.EntryPrice.Should().Be(100m);
        h.Host.Engine.PositionAmount(Btc).Should().Be(1m);
    }

    [Fact(DisplayName = "An entry whose answer is lost (503, executed) is looked up by its client order id, not re-sent: one order on the venue")]
    public async Task InDoubtEntryLookedUp()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution();
        h.Host.Faults.OrderUnknownRemaining = 1;

        exec.Tell(new PlaceEntry(Btc, "ev-doubt", 1_700_000_240_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait).Quantity.Should().Be(1m);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Rest.OrderLookups.Should().Be(1);
        h.Host.Engine.OrderCount.Should().Be(1, "the entry exists once");
        h.Host.Engine.PositionAmount(Btc).Should().Be(1m);
    }

    [Fact(DisplayName = "An entry still in doubt after the lookup stays in doubt (status lists it) and is looked up until the venue answers; sent once")]
    public async Task InDoubtEntryStaysUntilAnswered()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution(new Engine.Venues.Execution.ExecutionSettings("sim", [Btc], LookupRetry: TimeSpan.FromMilliseconds(100)));
        h.Host.Faults.WsStall = true;
        h.FailRoute = "GET /fapi/v1/order";
        h.Host.Faults.OrderUnknownRemaining = 1;

        exec.Tell(new PlaceEntry(Btc, "ev-limbo", 1_700_000_270_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Kit.AwaitAssert(() => h.Status(exec).InDoubt.Should().ContainSingle().Which.EventId.Should().Be("ev-limbo"), Wait);
        h.Kit.AwaitAssert(() => h.Status(exec).Counters.Where(c => c.Key.StartsWith("GET /fapi/v1/order ServerError", StringComparison.Ordinal)).Sum(c => c.Value).Should().BeGreaterThan(1), Wait);
        h.Host.Engine.OrderCount.Should().Be(1);

        h.FailRoute = null;
        h.Host.Faults.WsStall = false;
        h.Trader.ExpectMsg<EntryFilled>(Wait).Quantity.Should().Be(1m);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Status(exec).InDoubt.Should().BeEmpty();
        h.Host.Engine.OrderCount.Should().Be(1, "looked up, never re-sent");
    }

    [Fact(DisplayName = "While restart-flatten cannot read the venue, intents are queued, not sent; once it can, the queued entry goes out")]
    public async Task IntentsQueuedDuringRestart()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        h.FailRoute = "GET /fapi/v2/positionRisk";
        var exec = h.StartExecution(new Engine.Venues.Execution.ExecutionSettings("sim", [Btc], RestartRetry: TimeSpan.FromMilliseconds(100)), waitReady: false);

        exec.Tell(new PlaceEntry(Btc, "ev-queued", 1_700_000_540_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Kit.AwaitAssert(() => h.Status(exec).Counters.GetValueOrDefault("restart read failed").Should().BeGreaterThan(1), Wait);
        var status = h.Status(exec);
        status.Phase.Should().Be(Engine.Venues.Execution.ExecutionPhase.Restarting);
        status.QueuedIntents.Should().Be(1);
        h.Host.Engine.OrderCount.Should().Be(0);

        h.FailRoute = null;
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Status(exec).Phase.Should().Be(Engine.Venues.Execution.ExecutionPhase.Ready);
    }

    [Fact(DisplayName = "Killed after the entry left but before its answer: after restart, restart-flatten leaves no position, no bracket and no duplicate entry")]
    public async Task RestartAfterSendFlattens()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution();
        h.Host.Faults.RestDelay = TimeSpan.FromSeconds(3);

        exec.Tell(new PlaceEntry(Btc, "ev-crash", 1_700_000_300_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Kit.AwaitAssert(() => h.Host.Engine.OrderCount.Should().Be(1, "the venue executed the entry"), Wait);
        h.Stop(exec);
        h.Host.Faults.RestDelay = TimeSpan.Zero;

        var again = h.StartExecution();
        var status = h.Status(again);
        status.LastRestart!.PositionsFlattened.Should().Equal(Btc);
        status.OpenPositions.Should().BeEmpty();
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(0);
        h.Host.Engine.OrderCount.Should().Be(2, "the entry once and the reduce-only close; nothing re-sent");
        (await h.Rest.GetOpenOrdersAsync()).Value.Should().BeEmpty();
    }

    [Fact(DisplayName = "Killed with a bracketed position: after restart (policy flatten) the position is closed and both brackets canceled")]
    public async Task RestartWithBracketsFlattens()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var exec = h.StartExecution();
        exec.Tell(new PlaceEntry(Btc, "ev-bracketed", 1_700_000_360_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Stop(exec);

        var again = h.StartExecution();
        var report = h.Status(again).LastRestart!;
        report.PositionsFlattened.Should().Equal(Btc);
        report.BracketsCanceled.Should().Be(2);
        report.ForeignOrdersCanceled.Should().Be(0);
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(0);
        h.Host.Engine.OrderCount.Should().Be(2);
    }

    [Fact(DisplayName = "Restarted by its supervisor (same ref) with a bracketed position: the new incarnation runs restart-flatten before anything else")]
    public async Task SupervisorRestartRunsRestartFlatten()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var child = Engine.Venues.Execution.ExecutionActor.Props(new Engine.Venues.Execution.ExecutionSettings("sim", [Btc]), h.Rest, h.Host.WsUri, new ActorBot.Venues.Binance.Decoding.DecodeErrorCounter());
        var parent = h.System.ActorOf(Props.Create(() => new RestartingParent(child)));
        h.Kit.AwaitAssert(() => h.Status(parent).Phase.Should().Be(Engine.Venues.Execution.ExecutionPhase.Ready), Wait);
        h.Kit.AwaitAssert(() => h.Host.Streams.SessionCount.Should().Be(2), Wait);
        parent.Tell(new PlaceEntry(Btc, "ev-supervised", 1_700_000_600_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Status(parent).LastRestart!.PositionsFlattened.Should().BeEmpty();

        parent.Tell(RestartingParent.KillChild);
        h.Kit.AwaitAssert(() => h.Status(parent).LastRestart!.PositionsFlattened.Should().Equal(Btc), Wait);
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(0);
        h.Host.Engine.OrderCount.Should().Be(2, "entry and close; nothing re-sent");
    }

    [Fact(DisplayName = "Policy adopt: a restarted execution keeps the position and re-attaches the bracket that went missing, from the journaled trigger")]
    public async Task RestartAdoptReattaches()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        var settings = new Engine.Venues.Execution.ExecutionSettings("sim", [Btc], Domain.Execution.RestartPolicy.Adopt);
        var exec = h.StartExecution(settings);
        exec.Tell(new PlaceEntry(Btc, "ev-adopt", 1_700_000_480_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        h.Stop(exec);
        var adopted = h.StartExecution(settings);
        var stop = h.Status(adopted).OpenPositions;
        stop.Should().ContainSingle().Which.Quantity.Should().Be(1m, "nothing was missing: the position is adopted as it is");
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(2);
        var sl = stop[0].StopLossId!;
        h.Stop(adopted);
        (await h.Rest.CancelAlgoOrderAsync(sl)).IsSuccess.Should().BeTrue();

        var again = h.StartExecution(settings);
        var report = h.Status(again).LastRestart!;
        report.PositionsAdopted.Should().Equal(Btc);
        report.BracketsAttached.Should().Be(1);
        h.Host.Engine.PositionAmount(Btc).Should().Be(1m);
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(2);
        var open = (await h.Rest.GetOpenAlgoOrdersAsync(Btc)).Value!;
        open.Single(a => a.OrderType == "STOP_MARKET").TriggerPrice.Should().Be(95m);
        h.Status(again).OpenPositions.Should().ContainSingle().Which.StopLossId.Should().NotBe(sl);
    }

    [Fact(DisplayName = "CancelAll(flatten) removes every order and algo order and closes the position, measured under 1 s")]
    public async Task CancelAllWithinOneSecond()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(Btc, 100m, 1m, 1);
        h.Host.PublishTrade("ETHUSDT", 10m, 1m, 1);
        var exec = h.StartExecution();
        exec.Tell(new PlaceEntry(Btc, "ev-kill", 1_700_000_420_000, 1, 1m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(Wait);
        h.Trader.ExpectMsg<BracketsPlaced>(Wait);
        (await h.Rest.PlaceOrderAsync(new ActorBot.Venues.Binance.Rest.NewOrder("ETHUSDT", "BUY", "LIMIT", "manual-1", 1m, 5m, "GTC"))).IsSuccess.Should().BeTrue();

        var kill = h.Kit.CreateTestProbe();
        exec.Tell(new CancelAll(Flatten: true, kill.Ref));
        var done = kill.ExpectMsg<CancelAllDone>(Wait);
        done.Took.Should().BeLessThan(TimeSpan.FromSeconds(1));
        done.OrdersCanceled.Should().Be(1);
        done.AlgoOrdersCanceled.Should().Be(2);
        done.PositionsFlattened.Should().Be(1);
        h.Trader.ExpectMsg<PositionClosed>(Wait).Reason.Should().Be("kill_switch");
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(0);
        (await h.Rest.GetOpenOrdersAsync()).Value.Should().BeEmpty();
        h.Host.Engine.PositionAmount(Btc).Should().Be(0m);
    }

    /// <summary>A parent that restarts its child on any failure (a Kill too) and forwards everything else to it.</summary>
    private sealed class RestartingParent : ReceiveActor
    {
        public const string KillChild = "kill-child";

        public RestartingParent(Props child)
        {
            var execution = Context.ActorOf(child, "execution");
            // Kill itself would stop the parent (it is handled before Receive): a marker makes the parent kill the child.
            Receive<string>(m => m == KillChild, _ => execution.Tell(Kill.Instance));
            ReceiveAny(m => execution.Forward(m));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }
}
