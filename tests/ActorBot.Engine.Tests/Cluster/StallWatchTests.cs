using ActorBot.Engine.Cluster;
using ActorBot.Engine.Tests.Execution;
using ActorBot.Engine.Trading;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// The stall watch on a hand-driven clock (its ticks are fired by the test, so a freeze is time passing with no tick),
/// and execution's entry fence against the venue simulator.
/// </summary>
public sealed class StallWatchTests
{
    [Fact(DisplayName = "A gap between ticks longer than the threshold holds entries while it is open and for the hold after it closed")]
    public void StallHoldsEntries()
    {
        var clock = new ManualClock();
        using var watch = new StallWatch(clock, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 20; i++)
        {
            clock.Step(TimeSpan.FromMilliseconds(250));
        }

        watch.Check().Should().BeNull("ticks every 250 ms: nothing stood still");

        // Frozen for 15 s: time passed, no tick ran. An entry checked before the first tick after the resume is held.
        clock.Move(TimeSpan.FromSeconds(15));
        watch.Check().Should().Contain("stood still for 15000 ms");

        // The first tick closes the gap; entries stay held for the hold, then go again.
        clock.Step(TimeSpan.Zero);
        watch.Stalls.Should().Be(1);
        watch.Check().Should().Contain("entries held");
        for (var i = 0; i < 39; i++)
        {
            clock.Step(TimeSpan.FromMilliseconds(250));
        }

        watch.Check().Should().NotBeNull("9.75 s of the 10 s hold have passed");
        clock.Step(TimeSpan.FromMilliseconds(250));
        watch.Check().Should().BeNull();
    }

    [Fact(DisplayName = "A late tick under the threshold (a busy machine) holds nothing")]
    public void LateTickIsNoStall()
    {
        var clock = new ManualClock();
        using var watch = new StallWatch(clock, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        clock.Move(TimeSpan.FromSeconds(2.5));
        watch.Check().Should().BeNull();
        clock.Step(TimeSpan.Zero);
        watch.Stalls.Should().Be(0);
        watch.Check().Should().BeNull();
    }

    [Fact(DisplayName = "Execution refuses an entry its node's fence holds: EntryFailed(cluster_fence), nothing reaches the venue")]
    public async Task ExecutionFence()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(ExecutionHarness.Symbol, 100m, 1m, 1);
        string? fence = "cluster: this node stood still for 15000 ms";
        var exec = h.StartExecution(entryFence: () => fence);
        var orders = h.Host.Engine.OrderCount;
        exec.Tell(new PlaceEntry(ExecutionHarness.Symbol, "ev-fenced", 1_700_000_480_000, 1, 2m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFailed>(TimeSpan.FromSeconds(10)).Should().Be(new EntryFailed(ExecutionHarness.Symbol, "ev-fenced", "cluster_fence"));
        h.Host.Engine.OrderCount.Should().Be(orders);
        h.Status(exec).Counters.GetValueOrDefault("intent fenced").Should().Be(1);

        fence = null;
        exec.Tell(new PlaceEntry(ExecutionHarness.Symbol, "ev-free", 1_700_000_540_000, 1, 2m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(TimeSpan.FromSeconds(10));
    }

    [Fact(DisplayName = "Execution holds a bracket while its node's write fence is up and places it once the fence clears")]
    public async Task ExecutionHoldsBracket()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(ExecutionHarness.Symbol, 100m, 1m, 1);
        string? fence = null;
        var exec = h.StartExecution(writeFence: () => fence);
        var algos = h.Host.Engine.OpenAlgoOrderCount;

        // The node stalls after the entry left: the fill comes back, the bracket is journaled and waits.
        fence = "cluster: this node stood still for 15000 ms";
        exec.Tell(new PlaceEntry(ExecutionHarness.Symbol, "ev-held", 1_700_000_600_000, 1, 2m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(TimeSpan.FromSeconds(10));
        h.Kit.AwaitAssert(() => h.Status(exec).Counters.GetValueOrDefault("write held").Should().Be(1), TimeSpan.FromSeconds(10));
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(algos, "a held bracket has not left");

        fence = null;
        h.Trader.ExpectMsg<BracketsPlaced>(TimeSpan.FromSeconds(10)).EventId.Should().Be("ev-held");
        h.Host.Engine.OpenAlgoOrderCount.Should().Be(algos + 2);
        h.Status(exec).Counters.GetValueOrDefault("write held").Should().Be(1, "counted once, however many times it asked");
    }

    [Fact(DisplayName = "Execution holds a reduce-only close while its node's write fence is up and sends exactly one once it clears")]
    public async Task ExecutionHoldsClose()
    {
        await using var h = await ExecutionHarness.StartAsync();
        h.Host.PublishTrade(ExecutionHarness.Symbol, 100m, 1m, 1);
        string? fence = null;
        var exec = h.StartExecution(writeFence: () => fence);
        exec.Tell(new PlaceEntry(ExecutionHarness.Symbol, "ev-close-held", 1_700_000_660_000, 1, 2m, 95m, 106m, h.Trader.Ref));
        h.Trader.ExpectMsg<EntryFilled>(TimeSpan.FromSeconds(10));
        h.Trader.ExpectMsg<BracketsPlaced>(TimeSpan.FromSeconds(10));
        var orders = h.Host.Engine.OrderCount;

        fence = "cluster: this node stood still for 15000 ms";
        h.Host.PublishTrade(ExecutionHarness.Symbol, 102m, 1m, 2);
        exec.Tell(new ClosePosition(ExecutionHarness.Symbol, "ev-close-held", "horizon"), h.Trader.Ref);
        h.Kit.AwaitAssert(() => h.Status(exec).Counters.GetValueOrDefault("write held").Should().Be(1), TimeSpan.FromSeconds(10));
        h.Host.Engine.OrderCount.Should().Be(orders, "a held close has not left");
        h.Host.Engine.PositionAmount(ExecutionHarness.Symbol).Should().Be(2m);

        fence = null;
        h.Trader.ExpectMsg<PositionClosed>(TimeSpan.FromSeconds(10)).Reason.Should().Be("horizon");
        h.Host.Engine.OrderCount.Should().Be(orders + 1, "one reduce-only close");
        h.Host.Engine.PositionAmount(ExecutionHarness.Symbol).Should().Be(0m);
    }

    /// <summary>A clock the test moves; its one timer fires only when the test steps it.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
        private TimerCallback? _callback;

        public override DateTimeOffset GetUtcNow() => _now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _callback = callback;
            return new NoTimer();
        }

        /// <summary>Time passes and the timer fires once (a normal tick).</summary>
        public void Step(TimeSpan by)
        {
            _now += by;
            _callback?.Invoke(null);
        }

        /// <summary>Time passes and nothing runs (the process is frozen).</summary>
        public void Move(TimeSpan by) => _now += by;

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
