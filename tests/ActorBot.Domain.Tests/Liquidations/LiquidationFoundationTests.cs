using ActorBot.Domain.Liquidations;

namespace ActorBot.Domain.Tests.Liquidations;

public sealed class LiquidationFoundationTests
{
    [Fact]
    public void Sol_buckets_are_exact_ticks_so_neighbour_lookups_hit()
    {
        // SPEC §13 #21: 0.1-step float keys missed by noise; tick keys cannot.
        var grid = new BucketGrid(0.10m);
        var tick = grid.TickOf(84.27m);
        tick.Should().Be(843);
        grid.PriceOf(tick + 1).Should().Be(84.4m);
        grid.TickOf(84.4000000001).Should().Be(tick + 1);
    }

    [Fact]
    public void Buckets_round_half_to_even_like_the_old_engine()
    {
        var grid = new BucketGrid(20m);
        grid.TickOf(30m).Should().Be(2);   // 1.5 → 2
        grid.TickOf(50m).Should().Be(2);   // 2.5 → 2
        grid.TickOf(70m).Should().Be(4);   // 3.5 → 4
    }

    [Fact]
    public void A_disabled_tier_weighs_nothing_and_the_rest_sum_to_one()
    {
        var ladder = LeverageLadders.ForBase("BTC");
        ladder.WeightOf(10).Should().Be(0);
        ladder.Weights.Sum().Should().BeApproximately(1.0, 1e-12);
        ladder.Enabled().Select(e => e.Tier).Should().NotContain(10).And.HaveCount(10);
        // 5x carries 1.0 of the enabled raw sum 1.0+0.9+0.7+0.35+0.14+0.08+0.05+0.03+0.015+0.008 = 3.273.
        ladder.WeightOf(5).Should().BeApproximately(1.0 / 3.273, 1e-12);
    }

    [Fact]
    public void Each_symbol_gets_its_own_ladder()
    {
        LeverageLadders.ForBase("SOL").Tiers.Should().Equal(5, 10, 20, 25, 50, 75);
        LeverageLadders.ForBase("ETH").Tiers.Max().Should().Be(125);
        LeverageLadders.ForBase("BTC").Tiers.Max().Should().Be(250);
        LeverageLadders.ForBase("DOGE").Tiers.Should().Equal(5, 10, 20, 50, 75, 100);
    }

    [Theory]
    [InlineData("BTCUSDT", "BTC")]
    [InlineData("BTCUSD_PERP", "BTC")]
    [InlineData("ETH-USDT-SWAP", "ETH")]
    [InlineData("solusdt", "SOL")]
    [InlineData("ETHBUSD", "ETH")]
    public void The_base_asset_is_parsed_from_every_venue_spelling(string symbol, string expected)
        => LeverageLadders.BaseOf(symbol).Should().Be(expected);

    [Fact]
    public void Implied_levels_and_implied_leverage_are_inverse()
    {
        var longLiq = ImpliedLiquidation.Price(LiquidationSide.Long, 100_000, 50, 0.002);
        longLiq.Should().BeApproximately(100_000 * (1 - 0.022), 1e-6);
        var shortLiq = ImpliedLiquidation.Price(LiquidationSide.Short, 100_000, 50, 0.002);
        shortLiq.Should().BeApproximately(102_200, 1e-6);
        ImpliedLiquidation.ImpliedLeverage(100_000, longLiq, 0.002)!.Value.Should().BeApproximately(50, 1e-9);
        ImpliedLiquidation.ImpliedLeverage(100_000, 99_900, 0.002).Should().BeNull();
    }

    [Fact]
    public void Binance_sell_liquidates_a_long_and_bad_values_are_rejected_with_a_reason()
    {
        LiquidationNormalizer.FromBinance("binance", "BTCUSDT", "SELL", 65_000m, 0.5m, 1_772_236_800_000, out var e)
            .Should().Be(LiquidationRejection.None);
        e!.Side.Should().Be(LiquidationSide.Long);
        e.NotionalUsd.Should().Be(32_500);
        LiquidationNormalizer.FromBinance("binance", "BTCUSDT", "HOLD", 65_000m, 0.5m, 1, out _).Should().Be(LiquidationRejection.UnknownSide);
        LiquidationNormalizer.FromBinance("binance", "BTCUSDT", "BUY", 0m, 0.5m, 1, out _).Should().Be(LiquidationRejection.NonPositivePrice);
        LiquidationNormalizer.FromBybit("bybit", "BTCUSDT", "Buy", 65_000m, 0m, 1, out _).Should().Be(LiquidationRejection.NonPositiveQuantity);
        LiquidationNormalizer.FromBybit("bybit", "BTCUSDT", "Buy", 65_000m, 1m, 0, out _).Should().Be(LiquidationRejection.MissingTime);
        LiquidationNormalizer.FromOkx("okx", "BTC-USDT-SWAP", "short", 65_000m, 3m, null, 1, out _).Should().Be(LiquidationRejection.UnknownContractSize);
        LiquidationNormalizer.FromOkx("okx", "BTC-USDT-SWAP", "short", 65_000m, 3m, 0.01m, 1, out var okx).Should().Be(LiquidationRejection.None);
        okx!.Quantity.Should().Be(0.03m);
        okx.Side.Should().Be(LiquidationSide.Short);
    }

    [Fact]
    public void A_minute_is_keyed_by_itself_with_its_own_aggression()
    {
        var clock = new MinuteClock("BTCUSDT");
        const long m0 = 1_772_236_800_000;
        clock.OnTrade(m0 + 1_000, 100, 2, buyerIsMaker: false).Should().BeEmpty();
        clock.OnTrade(m0 + 30_000, 105, 1, buyerIsMaker: true).Should().BeEmpty();
        clock.OnTrade(m0 + 59_999, 95, 1, buyerIsMaker: false).Should().BeEmpty();
        clock.OnOpenInterest(m0 + 45_000, 12_345);
        clock.OnOpenInterest(m0 + 61_000, 99_999);  // belongs to the next minute

        var closed = clock.OnTrade(m0 + 60_000, 101, 1, buyerIsMaker: false);

        closed.Should().ContainSingle();
        closed[0].Should().Be(new MinuteClosed("BTCUSDT", m0, 100, 105, 95, 95, 295, 105, 3, 12_345));
        clock.OpenMinuteMs.Should().Be(m0 + 60_000);
    }

    [Fact]
    public void The_timer_closes_a_quiet_minute_after_the_grace_and_late_trades_are_counted()
    {
        var clock = new MinuteClock("BTCUSDT", closeGraceMs: 2_000);
        const long m0 = 1_772_236_800_000;
        clock.OnTrade(m0 + 10, 100, 1, false);
        clock.Advance(m0 + 61_999).Should().BeEmpty();
        var closed = clock.Advance(m0 + 122_000);
        closed.Select(c => c.MinuteMs).Should().Equal(m0, m0 + 60_000);
        closed[1].Trades.Should().Be(0);
        closed[1].Close.Should().Be(100);
        clock.OnTrade(m0 + 59_000, 100, 1, false).Should().BeEmpty();
        clock.LateTrades.Should().Be(1);
    }

    [Fact]
    public void A_long_silence_is_a_gap_not_a_run_of_flat_minutes()
    {
        var clock = new MinuteClock("BTCUSDT", maxFlatMinutes: 5);
        const long m0 = 1_772_236_800_000;
        clock.OnTrade(m0, 100, 1, false);
        var closed = clock.OnTrade(m0 + (60 * 60_000), 101, 1, false);
        closed.Should().HaveCount(6);
        clock.SkippedMinutes.Should().Be(54);
    }
}
