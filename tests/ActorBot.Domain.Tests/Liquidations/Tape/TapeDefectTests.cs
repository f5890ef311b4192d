using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Tape;

namespace ActorBot.Domain.Tests.Liquidations.Tape;

/// <summary>The moonstream SPEC §13 defects that concern the tape, each showing the new behaviour.</summary>
public sealed class TapeDefectTests
{
    [Fact]
    public void Defect21_the_entry_lookup_probes_exact_neighbour_ticks_so_sol_hits()
    {
        // The old lookup probed the float key bucket + 0.1: 84.3 + 0.1 is not the key 84.4 that bucketing made.
        (84.3 + 0.1).Should().NotBe(Math.Round(Math.Round(84.4 / 0.1) * 0.1, 1));

        var grid = new BucketGrid(0.1m);
        var projections = new Dictionary<(LiquidationSide, long), double>
        {
            [(LiquidationSide.Long, grid.TickOf(84.4m))] = 85.9,
            [(LiquidationSide.Short, grid.TickOf(84.3m))] = 80.0, // the other side is never probed.
        };
        var liqTick = grid.TickOf(84.27m);

        var entry = EntryEstimate.Find(LiquidationSide.Long, liqTick, (s, t) => projections.TryGetValue((s, t), out var e) ? e : null);

        entry.Should().Be(85.9);
    }

    [Fact]
    public void Defect21_the_probe_order_is_same_tick_then_minus_one_plus_one_minus_two_plus_two()
    {
        var probed = new List<long>();
        EntryEstimate.Find(LiquidationSide.Short, 1000, (_, t) =>
        {
            probed.Add(t);
            return null;
        }).Should().BeNull();

        probed.Should().Equal(1000, 999, 1001, 998, 1002);
        EntryEstimate.Find(LiquidationSide.Short, 1000, (_, t) => t is 999 or 1001 ? t : null).Should().Be(999);
    }

    [Fact]
    public void Defect21_a_sol_liquidation_learns_against_the_projection_one_tick_away()
    {
        // Liquidation 84.27 → bucket 84.3; the only long projection sits at 84.4 (entry 85.9), one tick above.
        var grid = new BucketGrid(0.1m);
        var tape = new LiquidationTape("SOL", grid, LeverageLadders.ForBase("SOL"));
        var projections = new Dictionary<(LiquidationSide, long), double> { [(LiquidationSide.Long, grid.TickOf(84.4m))] = 85.9 };

        var (_, sample) = tape.OnLiquidationAgainst(
            new LiquidationEvent("binance", "SOLUSDT", LiquidationSide.Long, 84.27m, 5m, 1_000),
            (s, t) => projections.TryGetValue((s, t), out var e) ? e : null);

        // (85.9 − 84.27)/85.9 = 1.90 % → 1/(0.0190 − 0.002) ≈ 58.9x → SOL's nearest tier 50x.
        sample.Should().NotBeNull();
        sample!.Value.OffsetPct.Should().BeApproximately((85.9 - 84.27) / 85.9, 1e-12);
        sample.Value.Tier.Should().Be(50);
    }

    [Fact]
    public void Defect8_the_tape_sweep_returns_the_swept_buckets_a_zones_engine_makes_sweep_zones_from()
    {
        // The old sweep-zone path ran after the tape had already deleted the crossed zones and always got nothing.
        // The tape now returns each swept bucket itself, with what a sweep zone and a liq_sweeps line need.
        var tape = new LiquidationTape("ETH", new BucketGrid(1m), LeverageLadders.ForBase("ETH"));
        tape.OnLiquidation(new LiquidationEvent("binance", "ETHUSDT", LiquidationSide.Short, 1_950.4m, 2m, 1_000));
        tape.OnLiquidation(new LiquidationEvent("bybit", "ETHUSDT", LiquidationSide.Short, 1_949.6m, 3m, 2_000));
        tape.OnLiquidation(new LiquidationEvent("okx", "ETH-USDT-SWAP", LiquidationSide.Long, 1_900m, 1m, 3_000));

        var result = tape.OnMinute(new MinuteClosed("ETH", 60_000, 1_940, 1_952.5, 1_938, 1_945, 0, 0, 10, null));

        var swept = result.Swept.Should().ContainSingle().Subject;
        swept.MinuteMs.Should().Be(60_000);
        swept.Side.Should().Be(LiquidationSide.Short);
        swept.Price.Should().Be(1_950m);
        swept.Count.Should().Be(2);
        swept.TotalNotionalUsd.Should().BeApproximately(((1_950.4 * 2) + (1_949.6 * 3)) * 0.995, 1e-6);
        swept.PeakNotionalUsd.Should().BeApproximately((1_950.4 * 2) + (1_949.6 * 3), 1e-6);
        swept.MeanNotionalUsd.Should().BeApproximately(swept.TotalNotionalUsd / 2, 1e-9);
        swept.Reason.Should().Be(SweepReason.HighAtOrAbove);
        swept.Trigger.Should().Be(1_952.5);
        swept.LastTimestampMs.Should().Be(2_000);
        result.LongBuckets.Should().Be(1);
    }
}
