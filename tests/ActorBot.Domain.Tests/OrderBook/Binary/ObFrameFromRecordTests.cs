using ActorBot.Data.Heatmaps;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Domain.Tests.OrderBook.Frames;

namespace ActorBot.Domain.Tests.OrderBook.Binary;

/// <summary>The frame /book serves from a held or reloaded record: exact where the record is, the §9.3 estimate elsewhere.</summary>
public sealed class ObFrameFromRecordTests
{
    [Fact]
    public void A_record_reads_back_as_its_frame_with_the_stored_statistics_and_estimated_notionals()
    {
        var frame = new ObFrameAccumulator(new ObFrameOptions("BTCUSDT", 20m)).TakeFrame(FrameBooks.Btc(), 70000m, FrameBooks.Boundary).Frame!;
        var record = ObHeatmapRecordCodec.Decode(ObHeatmapRecordCodec.Encode(ObHeatmapRecordCodec.FromFrame(frame))).Value!;

        var back = ObFrameFromRecord.ToFrame("BTCUSDT", record);

        back.TsSeconds.Should().Be(frame.TsSeconds);
        back.BoundaryUnixMs.Should().Be(frame.BoundaryUnixMs);
        back.MinTick.Should().Be(frame.MinTick);
        back.PriceCount.Should().Be(frame.PriceCount);
        back.PriceMin.Should().Be(frame.PriceMin);
        back.BidU8.ToArray().Should().Equal(frame.BidU8.ToArray());
        back.AskU8.ToArray().Should().Equal(frame.AskU8.ToArray());
        back.Norm.Should().Be(frame.Norm);
        back.Bid.Should().Be(frame.Bid);
        back.Ask.Should().Be(frame.Ask);
        back.BidNotional.Length.Should().Be(frame.PriceCount);
        for (var i = 0; i < back.PriceCount; i++)
        {
            back.BidNotional.Span[i].Should().Be(ObHeatmapRecordCodec.ApproximateNotional(frame.BidU8.Span[i], frame.Norm.P50, frame.Norm.P95));
        }
    }

    [Fact]
    public void A_record_with_values_decimal_cannot_hold_reads_as_zero_rather_than_throwing()
    {
        var frame = new ObFrameAccumulator(new ObFrameOptions("BTCUSDT", 20m)).TakeFrame(FrameBooks.Btc(), 70000m, FrameBooks.Boundary).Frame!;
        var record = ObHeatmapRecordCodec.FromFrame(frame) with { Src = double.NaN, TotalBidNotional = 1e300 };

        var back = ObFrameFromRecord.ToFrame("BTCUSDT", record);

        back.Src.Should().Be(0m);
        back.TotalBidNotional.Should().Be(0m);
    }

    [Fact]
    public void A_coin_m_symbol_with_an_underscore_names_its_own_file()
    {
        Path.GetFileName(HeatmapFiles.OrderBookFrames("/tmp", "BTCUSD_PERP")).Should().Be("ob_heatmap_30s_BTCUSD_PERP.bin");
    }
}
