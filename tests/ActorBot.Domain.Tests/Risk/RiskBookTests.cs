using System.Text.Json;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Risk;

namespace ActorBot.Domain.Tests.Risk;

public sealed class RiskBookTests
{
    private const long Day0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private const long Hour = 3_600_000;

    private static readonly RiskSettings Settings = new(
        DailyLossCapUsd: 100m,
        LossStreakMax: 3,
        SessionCooldownMinutes: 60,
        SlBufferMultiplier: 2m,
        MaxOpenTradesPerSymbol: 1,
        MaxOpenTradesGlobal: 2,
        MaxNotionalPerSymbolUsd: 5_000m);

    private static EntryIntent Long(string id, string symbol = "BTCUSDT", decimal qty = 0.01m) =>
        new(id, symbol, TradeDirection.Long, EntryPrice: 100_000m, StopPrice: 99_000m, qty, Leverage: 5m, MaintenanceMarginRate: 0.004m);

    private static RiskBook Book() => new(Settings);

    private static RiskBook Open(RiskBook book, EntryIntent intent, long nowMs)
    {
        var decision = book.Decide(intent, EntryConditions.Ready, nowMs);
        decision.Should().BeOfType<Approved>();
        return book.ApplyAll(((Approved)decision).Events);
    }

    private static RiskBook OpenAndClose(RiskBook book, string id, decimal pnl, long atMs) =>
        Open(book, Long(id), atMs).Apply(new TradeClosed(id, pnl, pnl / 10m, atMs));

    private static string? ReasonOf(RiskDecision d) => (d as Rejected)?.Reason;

    [Fact(DisplayName = "A clean intent is approved and its opening counts against the caps")]
    public void Approves()
    {
        var decision = Book().Decide(Long("t1"), EntryConditions.Ready, Day0 + Hour);
        var approved = decision.Should().BeOfType<Approved>().Subject;
        approved.Events.OfType<TradeOpened>().Should().ContainSingle().Which.NotionalUsd.Should().Be(1_000m);
    }

    [Fact(DisplayName = "Once realised loss reaches the daily cap no entry is allowed for the rest of the UTC day")]
    public void DailyCap()
    {
        var book = OpenAndClose(Book(), "t1", -60m, Day0 + Hour);
        ReasonOf(book.Decide(Long("t2"), EntryConditions.Ready, Day0 + (2 * Hour))).Should().BeNull("-60 is above the -100 cap");

        book = OpenAndClose(book, "t2", -40m, Day0 + (2 * Hour));
        book.State.RealisedPnlTodayUsd.Should().Be(-100m);
        ReasonOf(book.Decide(Long("t3"), EntryConditions.Ready, Day0 + (23 * Hour))).Should().Be(DropReason.DailyCap);
        ReasonOf(book.Decide(Long("t3"), EntryConditions.Ready, Day0 + (24 * Hour) - 1)).Should().Be(DropReason.DailyCap);
    }

    [Fact(DisplayName = "The daily cap resets at the UTC day roll, and the approval carries the DayRolled event")]
    public void DayRoll()
    {
        var book = OpenAndClose(Book(), "t1", -150m, Day0 + Hour);
        var decision = book.Decide(Long("t2"), EntryConditions.Ready, Day0 + (24 * Hour));
        var approved = decision.Should().BeOfType<Approved>().Subject;
        approved.Events[0].Should().Be(new DayRolled(UtcDay.Of(Day0) + 1));
        book.ApplyAll(approved.Events).State.RealisedPnlTodayUsd.Should().Be(0m);
    }

    [Fact(DisplayName = "A loss streak of loss_streak_max starts a cooldown that expires after session_cooldown_minutes")]
    public void LossStreakCooldown()
    {
        var settings = Settings with { DailyLossCapUsd = 10_000m };
        var book = new RiskBook(settings);
        var t = Day0 + Hour;
        book = Open(book, Long("a"), t).Apply(new TradeClosed("a", -1m, -1m, t));
        book = Open(book, Long("b"), t).Apply(new TradeClosed("b", -1m, -1m, t));
        book.State.LossStreak.Should().Be(2);
        book.State.CooldownUntilMs.Should().BeNull();
        book = Open(book, Long("c"), t).Apply(new TradeClosed("c", -1m, -1m, t));

        book.State.CooldownUntilMs.Should().Be(t + (60 * 60_000));
        ReasonOf(book.Decide(Long("d"), EntryConditions.Ready, t + (60 * 60_000) - 1)).Should().Be(DropReason.LossStreak);
        ReasonOf(book.Decide(Long("d"), EntryConditions.Ready, t + (60 * 60_000))).Should().BeNull("the cooldown has expired");
    }

    [Fact(DisplayName = "A winning trade resets the loss streak")]
    public void WinResetsStreak()
    {
        var book = OpenAndClose(Book(), "a", -1m, Day0);
        book = OpenAndClose(book, "b", -1m, Day0);
        book = OpenAndClose(book, "c", 5m, Day0);
        book.State.LossStreak.Should().Be(0);
        book.State.CooldownUntilMs.Should().BeNull();
    }

    [Fact(DisplayName = "A duplicate close does not count the loss twice")]
    public void DuplicateCloseIgnored()
    {
        var book = OpenAndClose(Book(), "a", -30m, Day0);
        book = book.Apply(new TradeClosed("a", -30m, -3m, Day0));
        book.State.RealisedPnlTodayUsd.Should().Be(-30m);
        book.State.LossStreak.Should().Be(1);
    }

    [Fact(DisplayName = "max_open_trades is enforced per symbol and globally; abandoning an entry frees its slot")]
    public void OpenTradeCaps()
    {
        var book = Open(Book(), Long("a", "BTCUSDT"), Day0);
        ReasonOf(book.Decide(Long("b", "BTCUSDT"), EntryConditions.Ready, Day0)).Should().Be(DropReason.MaxOpenTradesSymbol);
        book = Open(book, Long("c", "ETHUSDT", qty: 0.01m), Day0);
        ReasonOf(book.Decide(Long("d", "SOLUSDT"), EntryConditions.Ready, Day0)).Should().Be(DropReason.MaxOpenTradesGlobal);

        book = book.Apply(new TradeAbandoned("a"));
        ReasonOf(book.Decide(Long("b", "BTCUSDT"), EntryConditions.Ready, Day0)).Should().BeNull();
    }

    [Fact(DisplayName = "Notional per symbol is capped including the new trade")]
    public void NotionalCap()
    {
        var settings = Settings with { MaxOpenTradesPerSymbol = 5 };
        var book = Open(new RiskBook(settings), Long("a", qty: 0.03m), Day0); // 3,000 USD
        ReasonOf(book.Decide(Long("b", qty: 0.02m), EntryConditions.Ready, Day0)).Should().BeNull("exactly 5,000 is allowed");
        ReasonOf(book.Decide(Long("b", qty: 0.021m), EntryConditions.Ready, Day0)).Should().Be(DropReason.MaxNotionalSymbol);
    }

    [Fact(DisplayName = "Warm-up, SAFE_PAUSE and the kill switch block entries with their own reasons, kill switch first")]
    public void RuntimeGates()
    {
        var book = Book();
        ReasonOf(book.Decide(Long("a"), new EntryConditions(SymbolWarm: false, SafePaused: false), Day0)).Should().Be(DropReason.Warmup);
        ReasonOf(book.Decide(Long("a"), new EntryConditions(SymbolWarm: false, SafePaused: true), Day0)).Should().Be(DropReason.SafePause);

        var killed = book.Apply(new KillSwitchChanged(true, "manual", Day0));
        ReasonOf(killed.Decide(Long("a"), new EntryConditions(false, true), Day0)).Should().Be(DropReason.KillSwitch);
        ReasonOf(killed.Apply(new KillSwitchChanged(false, "operator reset", Day0)).Decide(Long("a"), EntryConditions.Ready, Day0)).Should().BeNull();
    }

    [Theory(DisplayName = "Near-liquidation guard rejects longs and shorts whose liquidation is too close to the stop")]
    [InlineData(TradeDirection.Long, 99_000, 5, null)] // liq 19.68% away, needs 2 x 1% = 2%
    [InlineData(TradeDirection.Long, 90_000, 5, DropReason.NearLiquidationLong)] // liq 19.68% away, needs 2 x 10% = 20%
    [InlineData(TradeDirection.Long, 95_000, 20, DropReason.NearLiquidationLong)] // liq 4.62% away, needs 10%
    [InlineData(TradeDirection.Short, 101_000, 5, null)] // liq 19.52% away, needs 2%
    [InlineData(TradeDirection.Short, 105_000, 20, DropReason.NearLiquidationShort)] // liq 4.58% away, needs 10%
    public void NearLiquidation(TradeDirection direction, int stop, int leverage, string? expected)
    {
        var intent = new EntryIntent("a", "BTCUSDT", direction, 100_000m, stop, 0.01m, leverage, 0.004m);
        ReasonOf(Book().Decide(intent, EntryConditions.Ready, Day0)).Should().Be(expected);
    }

    [Fact(DisplayName = "A venue-supplied liquidation price overrides the estimate")]
    public void VenueLiquidationPrice()
    {
        var intent = Long("a") with { LiquidationPrice = 98_500m }; // 1.5% away, stop 1% -> needs 2%
        ReasonOf(Book().Decide(intent, EntryConditions.Ready, Day0)).Should().Be(DropReason.NearLiquidationLong);
    }

    [Fact(DisplayName = "Isolated liquidation estimate matches Binance's formula for both sides")]
    public void LiquidationEstimate()
    {
        // Long 10x, MMR 0.4%: LP = EP * 0.9 / 0.996.
        LiquidationPriceEstimator.Isolated(100m, 10m, TradeDirection.Long, 0.004m).Should().BeApproximately(90.361445783m, 1e-6m);
        // Short 10x: LP = EP * 1.1 / 1.004.
        LiquidationPriceEstimator.Isolated(100m, 10m, TradeDirection.Short, 0.004m).Should().BeApproximately(109.561752988m, 1e-6m);
        // The maintenance amount moves the long's liquidation further down and the short's further up.
        LiquidationPriceEstimator.Isolated(100m, 10m, TradeDirection.Long, 0.004m, 50m, 10m).Should().BeLessThan(90.36m);
        LiquidationPriceEstimator.Isolated(100m, 10m, TradeDirection.Short, 0.004m, 50m, 10m).Should().BeGreaterThan(109.57m);
        LiquidationPriceEstimator.Isolated(100m, 1m, TradeDirection.Long, 0.004m).Should().Be(0m);
    }

    [Fact(DisplayName = "Risk state round-trips through JSON (it is the persisted snapshot)")]
    public void StateSerialises()
    {
        var book = Open(Book(), Long("a"), Day0).Apply(new KillSwitchChanged(true, "manual", Day0));
        var json = JsonSerializer.Serialize(book.State);
        var back = JsonSerializer.Deserialize<RiskState>(json)!;
        back.Open.Should().Equal(book.State.Open);
        (back with { Open = book.State.Open }).Should().Be(book.State);
    }

    [Fact(DisplayName = "Recovery by folding the journal reproduces the live state")]
    public void RecoveryEqualsLive()
    {
        var journal = new List<RiskEvent>();
        var live = Book();
        foreach (var (id, pnl, t) in new[] { ("a", -10m, Day0), ("b", 20m, Day0 + Hour), ("c", -5m, Day0 + (25 * Hour)) })
        {
            var approved = (Approved)live.Decide(Long(id), EntryConditions.Ready, t);
            journal.AddRange(approved.Events);
            live = live.ApplyAll(approved.Events);
            var closed = new TradeClosed(id, pnl, pnl / 10m, t);
            journal.Add(closed);
            live = live.Apply(closed);
        }

        var recovered = Book().ApplyAll(journal);
        (recovered.State with { Open = live.State.Open }).Should().Be(live.State);
        recovered.State.RealisedPnlTodayUsd.Should().Be(-5m);
    }

    [Fact(DisplayName = "UTC day index floors correctly around midnight")]
    public void UtcDayIndex()
    {
        UtcDay.Of(Day0).Should().Be(UtcDay.Of(Day0 + (24 * Hour) - 1));
        UtcDay.Of(Day0 + (24 * Hour)).Should().Be(UtcDay.Of(Day0) + 1);
        UtcDay.Of(-1).Should().Be(-1);
    }
}
