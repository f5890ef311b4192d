using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Domain.Tests.OrderBook.Frames;

public sealed class ObFrameAccumulatorTests
{
    private static readonly ObFrameOptions Btc = new("BTCUSDT", 20m);

    [Fact]
    public void A_frame_sums_the_in_range_levels_into_exact_half_even_buckets_with_every_statistic()
    {
        var frame = new ObFrameAccumulator(Btc).TakeFrame(FrameBooks.Btc(), 70000m, FrameBooks.Boundary).Frame!;

        frame.TsSeconds.Should().Be(1_772_614_890, "ts is the slot start; the state is the one at its closing boundary");
        (frame.PriceMin, frame.PriceMax, frame.PriceCount, frame.Truncated).Should().Be((63000m, 77000m, 701, false));

        // 69990/20 = 3499.5 → 3500 (even) and 70010/20 = 3500.5 → 3500: both land on 70000; 70030 → 3502 (70040).
        var bids = frame.BidNotional.ToArray();
        var asks = frame.AskNotional.ToArray();
        bids[350].Should().Be(139980);
        bids[349].Should().Be(69980);
        asks[350].Should().Be(70010);
        asks[352].Should().Be(210090);
        bids.Count(v => v != 0).Should().Be(2, "62000 is below src·0.9");
        asks.Count(v => v != 0).Should().Be(2, "80000 is above src·1.1");
        (frame.TotalBidNotional, frame.TotalAskNotional).Should().Be((209960m, 280100m));

        // numpy linear percentiles over the pooled non-zero buckets [69980, 70010, 139980, 210090].
        frame.Norm.P50.Should().Be(104995);
        frame.Norm.P90.Should().BeApproximately(189057, 1e-6);
        frame.Norm.P95.Should().BeApproximately(199573.5, 1e-6);
        frame.Norm.P99.Should().BeApproximately(207986.7, 1e-6);
        frame.Norm.Max.Should().Be(210090);
        frame.Bid.Should().Be(new ObSideStats(104980, 136480, 139980));
        frame.Ask.P50.Should().Be(140050);
        frame.Ask.P95.Should().BeApproximately(203086, 1e-6);
        frame.Ask.Max.Should().Be(210090);

        // u8 = trunc((v − p50)/(p95 − p50)·255), clipped: 139980 → 94, 210090 → 255, at or below the median → 0.
        frame.BidU8.Span[350].Should().Be(94);
        frame.BidU8.Span[349].Should().Be(0);
        frame.AskU8.Span[352].Should().Be(255);
        frame.AskU8.Span[350].Should().Be(0);
        frame.BookUpdateId.Should().Be(101);
    }

    [Fact]
    public void Each_boundary_takes_the_book_as_it_stands_then_including_a_quiet_slot()
    {
        var sync = FrameBooks.Btc();
        var accumulator = new ObFrameAccumulator(Btc);
        var first = accumulator.TakeFrame(sync, 70000m, FrameBooks.Boundary).Frame!;

        FrameBooks.Diff(sync, [(69980m, 0m), (69000m, 1m)], []);
        var second = accumulator.TakeFrame(sync, 70000m, FrameBooks.Boundary + 30_000).Frame!;
        var quiet = accumulator.TakeFrame(sync, 70000m, FrameBooks.Boundary + 60_000).Frame!;

        first.BidNotional.Span[349].Should().Be(69980);
        second.BidNotional.Span[349].Should().Be(0, "the level was removed before the second boundary");
        second.BidNotional.Span[300].Should().Be(69000);
        second.BookUpdateId.Should().Be(102);
        quiet.TsSeconds.Should().Be(second.TsSeconds + 30, "a slot without diffs still has a frame (the old engine emitted none)");
        quiet.BidNotional.ToArray().Should().Equal(second.BidNotional.ToArray());
        accumulator.FramesTaken.Should().Be(3);
        accumulator.Latest.Should().BeSameAs(quiet);
    }

    [Fact]
    public void Without_a_mark_price_the_book_mid_is_the_reference()
    {
        var frame = new ObFrameAccumulator(Btc).TakeFrame(FrameBooks.Btc(), null, FrameBooks.Boundary).Frame!;
        frame.Src.Should().Be(70000m, "(69990 + 70010) / 2");
        frame.PriceMin.Should().Be(63000m);
    }

    [Fact]
    public void Boundaries_that_cannot_give_a_frame_are_typed_and_counted()
    {
        var accumulator = new ObFrameAccumulator(Btc);
        var synced = FrameBooks.Btc();

        accumulator.TakeFrame(new OrderBookSynchronizer("BTCUSDT"), 70000m, FrameBooks.Boundary).Skip.Should().Be(ObFrameSkip.BookNotSynced);
        accumulator.TakeFrame(FrameBooks.Synced("ETHUSDT", [(2000m, 1m)], [(2001m, 1m)]), 2000m, FrameBooks.Boundary).Skip
            .Should().Be(ObFrameSkip.WrongSymbol);
        accumulator.TakeFrame(synced, 70000m, FrameBooks.Boundary + 1).Skip.Should().Be(ObFrameSkip.NotOnBoundary);
        accumulator.TakeFrame(FrameBooks.Synced("BTCUSDT", [(70010m, 1m)], [(70000m, 1m)]), 70000m, FrameBooks.Boundary).Skip
            .Should().Be(ObFrameSkip.BookCrossed);
        accumulator.TakeFrame(FrameBooks.Synced("BTCUSDT", [(70000m, 1m)], []), null, FrameBooks.Boundary).Skip
            .Should().Be(ObFrameSkip.NoReferencePrice);
        accumulator.TakeFrame(synced, 70000m, FrameBooks.Boundary).Frame.Should().NotBeNull();
        accumulator.TakeFrame(synced, 70000m, FrameBooks.Boundary).Skip.Should().Be(ObFrameSkip.NotAfterLast);
        accumulator.TakeFrame(synced, 70000m, FrameBooks.Boundary - 30_000).Skip.Should().Be(ObFrameSkip.NotAfterLast);

        foreach (var reason in new[] { ObFrameSkip.BookNotSynced, ObFrameSkip.WrongSymbol, ObFrameSkip.NotOnBoundary, ObFrameSkip.BookCrossed, ObFrameSkip.NoReferencePrice })
        {
            accumulator.SkipCount(reason).Should().Be(1, reason.ToString());
        }

        accumulator.SkipCount(ObFrameSkip.NotAfterLast).Should().Be(2);
        accumulator.FramesTaken.Should().Be(1);
    }

    [Fact]
    public void SOL_prices_are_exact_ticks_and_stay_exact_in_the_record()
    {
        var sol = new ObFrameOptions("SOLUSDT", 0.1m);
        var book = FrameBooks.Synced("SOLUSDT", [(89.67m, 100m), (89.65m, 10m)], [(89.69m, 100m)]);

        var frame = new ObFrameAccumulator(sol).TakeFrame(book, 89.68m, FrameBooks.Boundary).Frame!;

        (frame.PriceMin, frame.PriceMax, frame.PriceCount).Should().Be((80.7m, 98.6m, 180), "the recorded SOL frame at this src had 180 prices");
        frame.PriceAt(89).Should().Be(89.6m, "89.65 → tick 896.5 → 896 (half to even)");
        frame.BidNotional.Span[89].Should().Be(896.5);
        var record = ObHeatmapRecordCodec.FromFrame(frame);
        record.PriceMax.Should().Be(98.6).And.NotBe(98.60000000000001, "SPEC §13 #17: no float noise");
        record.PriceMin.Should().Be(80.7);
        record.Step.Should().Be(0.1);
    }

    [Fact]
    public void A_grid_longer_than_1000_prices_is_cut_at_1000_and_levels_past_it_are_left_out()
    {
        var fine = new ObFrameOptions("BTCUSDT", 1m);
        var book = FrameBooks.Synced("BTCUSDT", [(69990m, 1m), (63500m, 1m)], [(70010m, 1m)]);

        var frame = new ObFrameAccumulator(fine).TakeFrame(book, 70000m, FrameBooks.Boundary).Frame!;

        (frame.PriceCount, frame.Truncated, frame.PriceMin, frame.PriceMax).Should().Be((1000, true, 63000m, 63999m));
        frame.BidNotional.Span[500].Should().Be(63500);
        frame.TotalBidNotional.Should().Be(63500m);
        frame.TotalAskNotional.Should().Be(0m);
    }

    [Fact]
    public void A_book_with_nothing_in_range_reports_the_empty_statistics_and_zero_intensities()
    {
        var book = FrameBooks.Synced("BTCUSDT", [(50000m, 1m)], [(90000m, 1m)]);

        var frame = new ObFrameAccumulator(Btc).TakeFrame(book, 70000m, FrameBooks.Boundary).Frame!;

        frame.Norm.Should().Be(ObNormStats.Empty);
        frame.Bid.Should().Be(ObSideStats.Empty);
        frame.BidU8.ToArray().Should().OnlyContain(b => b == 0);
        frame.AskU8.ToArray().Should().OnlyContain(b => b == 0);
    }

    [Theory]
    [InlineData(30, 20, 2)]
    [InlineData(10, 20, 0)]
    [InlineData(50, 20, 2)]
    [InlineData(70, 20, 4)]
    [InlineData(69, 20, 3)]
    public void Ticks_round_half_to_even_like_Python(long price, long step, long tick) =>
        ObFrameBuilder.TickOf(price * 100_000_000, step * 100_000_000).Should().Be(tick);

    [Theory]
    [InlineData(1_772_614_920_000, 1_772_614_920_000)]
    [InlineData(1_772_614_949_999, 1_772_614_920_000)]
    [InlineData(1_772_614_950_000, 1_772_614_950_000)]
    public void The_boundary_at_or_before_a_time_is_a_multiple_of_30s(long now, long boundary) =>
        ObFrameAccumulator.BoundaryAtOrBefore(now).Should().Be(boundary);
}
