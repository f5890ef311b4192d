using ActorBot.Domain.Binary;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Domain.Tests.OrderBook.Frames;

namespace ActorBot.Domain.Tests.OrderBook.Binary;

public sealed class ObHeatmapRecordCodecTests
{
    private static ObFrame Frame() =>
        new ObFrameAccumulator(new ObFrameOptions("BTCUSDT", 20m)).TakeFrame(FrameBooks.Btc(), 70000m, FrameBooks.Boundary).Frame!;

    [Fact]
    public void A_frame_is_written_at_the_SPEC_offsets_with_its_lost_statistics_in_the_padding()
    {
        var frame = Frame();
        var bytes = ObHeatmapRecordCodec.Encode(ObHeatmapRecordCodec.FromFrame(frame));

        bytes.Length.Should().Be(4096);
        BitConverter.ToDouble(bytes, 0).Should().Be(1_772_614_890);
        BitConverter.ToDouble(bytes, 8).Should().Be(70000);
        BitConverter.ToDouble(bytes, 16).Should().Be(20);
        BitConverter.ToDouble(bytes, 24).Should().Be(63000);
        BitConverter.ToDouble(bytes, 32).Should().Be(77000);
        BitConverter.ToUInt32(bytes, 40).Should().Be(701);
        BitConverter.ToDouble(bytes, 44).Should().Be(frame.Norm.P50);
        BitConverter.ToDouble(bytes, 52).Should().Be(frame.Norm.P95);
        BitConverter.ToDouble(bytes, 60).Should().Be(209960);
        BitConverter.ToDouble(bytes, 68).Should().Be(280100);
        bytes[76 + 350].Should().Be(94);
        bytes[1076 + 352].Should().Be(255);
        BitConverter.ToUInt32(bytes, 2076).Should().Be(ObHeatmapRecordCodec.ExtensionMagic);

        var back = ObHeatmapRecordCodec.Decode(bytes).Value!;
        back.Extension.Should().Be(new ObRecordExtension(
            frame.Norm.P90, frame.Norm.P99, frame.Norm.Max, frame.Bid.P50, frame.Bid.P95, frame.Bid.Max, frame.Ask.P50, frame.Ask.P95, frame.Ask.Max));
        ObHeatmapRecordCodec.Encode(back).Should().Equal(bytes);
    }

    [Fact]
    public void A_reader_of_the_old_layout_sees_the_same_record_without_the_extension()
    {
        var bytes = ObHeatmapRecordCodec.Encode(ObHeatmapRecordCodec.FromFrame(Frame()));

        // The old Python reader reads the 76-byte header and the 2000 intensity bytes, nothing after.
        var old = ObHeatmapRecordCodec.Decode(bytes.AsSpan(0, ObHeatmapRecordCodec.PaddingOffset)).Value!;
        var full = ObHeatmapRecordCodec.Decode(bytes).Value!;

        old.Extension.Should().BeNull();
        (old.Ts, old.PriceMin, old.PriceCount, old.NormP95).Should().Be((full.Ts, full.PriceMin, full.PriceCount, full.NormP95));
        old.Bid.ToArray().Should().Equal(full.Bid.ToArray());
    }

    [Fact]
    public void The_old_readers_notional_estimate_is_kept()
    {
        ObHeatmapRecordCodec.ApproximateNotional(0, 100, 355).Should().Be(0);
        ObHeatmapRecordCodec.ApproximateNotional(255, 100, 355).Should().Be(355);
        ObHeatmapRecordCodec.ApproximateNotional(51, 100, 355).Should().BeApproximately(151, 1e-9);
    }

    [Theory]
    [InlineData(2075, 1772614890.0, 20.0, 10u, BinaryDecodeError.TooShort)]
    [InlineData(4096, 1772614890.0, 20.0, 0u, BinaryDecodeError.CountOutOfRange)]
    [InlineData(4096, 1772614890.0, 20.0, 1001u, BinaryDecodeError.CountOutOfRange)]
    [InlineData(4096, double.NaN, 20.0, 10u, BinaryDecodeError.BadTimestamp)]
    [InlineData(4096, -1.0, 20.0, 10u, BinaryDecodeError.BadTimestamp)]
    [InlineData(4096, 1772614890.0, 0.0, 10u, BinaryDecodeError.BadStep)]
    public void Bad_records_are_refused_with_a_typed_reason(int length, double ts, double step, uint count, BinaryDecodeError expected)
    {
        var bytes = new byte[length];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), ts);
        BitConverter.TryWriteBytes(bytes.AsSpan(16), step);
        BitConverter.TryWriteBytes(bytes.AsSpan(40), count);

        var result = ObHeatmapRecordCodec.Decode(bytes);
        result.Error.Should().Be(expected);
        result.IsOk.Should().BeFalse();
    }

    [Fact]
    public void Encoding_into_a_short_buffer_or_with_short_intensity_areas_is_refused()
    {
        var record = ObHeatmapRecordCodec.FromFrame(Frame());
        FluentActions.Invoking(() => ObHeatmapRecordCodec.Encode(record, new byte[4095])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => ObHeatmapRecordCodec.Encode(record with { Bid = new byte[10] })).Should().Throw<ArgumentException>();
    }
}
