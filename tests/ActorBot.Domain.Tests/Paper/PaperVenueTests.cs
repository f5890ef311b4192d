using ActorBot.Domain.Execution;
using ActorBot.Domain.Paper;
using ActorBot.Domain.Sizing;

namespace ActorBot.Domain.Tests.Paper;

public sealed class PaperVenueTests
{
    private static readonly SymbolFilters Filters = new("BTCUSDT", TickSize: 0.1m, MinPrice: 0m, MaxPrice: 0m, StepSize: 0.001m, MinQty: 0.001m, MaxQty: 1_000m);
    private static readonly PaperEntryOrder Long = new("e1", "BTCUSDT", 1_000, TradeDirection.Long, 0.01m, StopPrice: 59_900m, TakeProfitPrice: 60_400m);

    private static PaperFillModel Model(PaperFillMode mode, decimal slippageBps = 0m) => new(new PaperFillSettings(mode, slippageBps, TakerFeeBps: 5m, MakerFeeBps: 2m));

    private static PaperTrade Open(PaperFillMode mode = PaperFillMode.Marketable, decimal slippageBps = 0m, PaperEntryOrder? order = null) =>
        ((PaperEntryOpened)PaperVenue.Enter(order ?? Long, PaperQuote.FromLastTrade(60_000m), 5_000, Model(mode, slippageBps), Filters, "snap")).Trade;

    [Fact(DisplayName = "Mode none refuses every entry (paper_fill_none); no print yet refuses with paper_no_quote")]
    public void Refusals()
    {
        PaperVenue.Enter(Long, PaperQuote.FromLastTrade(60_000m), 5_000, Model(PaperFillMode.None), Filters, "snap").Should().Be(new PaperEntryRefused("paper_fill_none"));
        PaperVenue.Enter(Long, null, 0, Model(PaperFillMode.Marketable), Filters, "snap").Should().Be(new PaperEntryRefused("paper_no_quote"));
    }

    [Theory(DisplayName = "With only trade prints every filling mode fills a MARKET entry at the last trade plus slippage, as taker")]
    [InlineData(PaperFillMode.Marketable)]
    [InlineData(PaperFillMode.Mid)]
    [InlineData(PaperFillMode.Always)]
    public void FillsAtLastTrade(PaperFillMode mode)
    {
        var t = Open(mode, slippageBps: 10m);
        t.EntryPrice.Should().Be(60_060m, "60,000 × (1 + 10 bps) against a buyer");
        t.EntryFee.Should().Be(60_060m * 0.01m * 5m / 10_000m, "taker fee on the notional");
        t.FilledAtMs.Should().Be(5_000);
    }

    [Fact(DisplayName = "Brackets are priced from the actual fill with the strategy's distances, on the tick grid")]
    public void BracketsFromFill()
    {
        var t = Open(slippageBps: 10m);
        // Planned: stop 59,900 (100 below the signal), target 60,400; fill 60,060 → distances 160 and 340 from the fill.
        t.StopTrigger.Should().Be(59_900m);
        t.TakeProfitTrigger.Should().Be(60_400m);
        t.HasBrackets.Should().BeTrue();
    }

    [Fact(DisplayName = "A fill beyond the stop leaves no brackets (the caller flattens at once)")]
    public void FillBeyondStop()
    {
        var t = Open(order: Long with { StopPrice = 60_100m });
        t.HasBrackets.Should().BeFalse();
        var exit = PaperVenue.CloseAt(t, 60_000m, Model(PaperFillMode.Marketable), "flatten_bracket_failed");
        exit.NetPnl.Should().Be(-2m * 60_000m * 0.01m * 5m / 10_000m, "only the two fees");
    }

    [Fact(DisplayName = "Prints at the fill's time never trigger; a later stop print closes at sl, net of both fees")]
    public void StopOnLaterPrint()
    {
        var fills = Model(PaperFillMode.Marketable);
        var t = Open();
        PaperVenue.OnPrint(t, new TradePrint(1, 59_000m, 5_000), fills).Should().BeNull("the print the entry filled at, or one of its millisecond");
        PaperVenue.OnPrint(t, new TradePrint(2, 59_950m, 5_001), fills).Should().BeNull("inside the brackets");
        var exit = PaperVenue.OnPrint(t, new TradePrint(3, 59_890m, 5_002), fills)!;
        exit.Reason.Should().Be("sl");
        exit.Price.Should().Be(59_890m, "a print through the stop fills at the print");
        exit.NetPnl.Should().Be((59_890m - 60_000m) * 0.01m - (59_890m * 0.01m * 5m / 10_000m) - (60_000m * 0.01m * 5m / 10_000m));
    }

    [Fact(DisplayName = "A short's take-profit triggers on a print at or below it")]
    public void ShortTakeProfit()
    {
        var t = Open(order: Long with { Direction = TradeDirection.Short, StopPrice = 60_100m, TakeProfitPrice = 59_600m });
        var exit = PaperVenue.OnPrint(t, new TradePrint(9, 59_600m, 6_000), Model(PaperFillMode.Marketable))!;
        exit.Reason.Should().Be("tp");
        exit.NetPnl.Should().BeGreaterThan(0);
    }

    [Fact(DisplayName = "A requested close fills at the next later print with its reason; a bracket on the same print wins")]
    public void PendingClose()
    {
        var fills = Model(PaperFillMode.Marketable, slippageBps: 10m);
        var t = Open(slippageBps: 10m) with { PendingClose = "horizon" };
        PaperVenue.OnPrint(t, new TradePrint(1, 60_100m, 5_000), fills).Should().BeNull();
        var exit = PaperVenue.OnPrint(t, new TradePrint(2, 60_100m, 5_001), fills)!;
        exit.Reason.Should().Be("horizon");
        exit.Price.Should().Be(60_100m * 0.999m, "a sell slips down");
        PaperVenue.OnPrint(t, new TradePrint(3, 59_000m, 5_002), fills)!.Reason.Should().Be("sl");
        PaperVenue.OnPrint(t with { StopTrigger = null, TakeProfitTrigger = null }, new TradePrint(3, 59_000m, 5_002), fills)!.Reason.Should().Be("horizon");
    }
}
