using ActorBot.Domain.Binary;
using ActorBot.Domain.Liquidations.Binary;
using ActorBot.Domain.Tests.OrderBook.Binary;

namespace ActorBot.Domain.Tests.Liquidations.Binary;

/// <summary>Every recorded liquidation-history file (SPEC §9.4, 44-byte header) parses and re-encodes byte for byte.</summary>
public sealed class RecordedLiqHistoryFileTests
{
    [Theory]
    [InlineData("liq_heatmap_v2_BTC.bin.gz", 1772506260.0265505, 68521.59999999999, 61660.0, 75380.0, 20.0, 687u, 1772517480.0042124, 67829.45000000001, 61040.0, 74620.0, 680u)]
    [InlineData("liq_heatmap_v2_ETH.bin.gz", 1772506260.0325506, 2016.7, 1815.0, 2218.0, 1.0, 404u, 1772517480.012218, 1987.589967055, 1789.0, 2186.0, 398u)]
    [InlineData("liq_heatmap_v2_SOL.bin.gz", 1772506260.03706, 86.02937856499999, 77.4, 94.6, 0.1, 173u, 1772517480.0187318, 85.40256783250001, 76.9, 93.9, 171u)]
    public void Every_record_parses_with_the_recorded_headers_and_re_encodes_to_identical_bytes(
        string file,
        double firstTs,
        double firstSrc,
        double firstMin,
        double firstMax,
        double step,
        uint firstCount,
        double lastTs,
        double lastSrc,
        double lastMin,
        double lastMax,
        uint lastCount)
    {
        var bytes = RecordedBinaryFile.Bytes(file);
        (bytes.Length % LiqHistoryRecordCodec.RecordSize).Should().Be(0);
        var records = bytes.Length / LiqHistoryRecordCodec.RecordSize;
        records.Should().Be(179);

        var decoded = new List<LiqHistoryRecord>();
        var buffer = new byte[LiqHistoryRecordCodec.RecordSize];
        for (var i = 0; i < records; i++)
        {
            var raw = bytes.AsSpan(i * LiqHistoryRecordCodec.RecordSize, LiqHistoryRecordCodec.RecordSize);
            var result = LiqHistoryRecordCodec.Decode(raw);
            result.Error.Should().Be(BinaryDecodeError.None, $"record {i} of {file}");
            result.Value!.Step.Should().Be(step);
            LiqHistoryRecordCodec.Encode(result.Value, buffer);
            buffer.AsSpan().SequenceEqual(raw).Should().BeTrue($"record {i} of {file} re-encodes to its bytes");
            decoded.Add(result.Value);
        }

        var first = decoded[0];
        (first.Ts, first.Src, first.PriceMin, first.PriceMax, first.BucketCount).Should().Be((firstTs, firstSrc, firstMin, firstMax, firstCount));
        var last = decoded[^1];
        (last.Ts, last.Src, last.PriceMin, last.PriceMax, last.BucketCount).Should().Be((lastTs, lastSrc, lastMin, lastMax, lastCount));

        // One record per new minute of snapshot ts (SPEC §9.4).
        decoded.Select(r => (long)Math.Floor(r.Ts / 60)).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        decoded.Select(r => r.Long.ToArray().Skip((int)r.BucketCount).All(b => b == 0) && r.Short.ToArray().Skip((int)r.BucketCount).All(b => b == 0))
            .Should().AllBeEquivalentTo(true, "intensities past n_buckets are zero padding");
    }

    [Fact]
    public void Intensities_become_truncated_clamped_bytes_and_round_trip()
    {
        double[] longs = [0, 0.5, 1.0, 1.7, -0.2, double.NaN, 0.999];
        double[] shorts = [1, 0, 0.004, 0.0039, 0.25, 0.75, 0.1];

        var record = LiqHistoryRecordCodec.FromIntensities(1772506260.5, 68521.6, 61660, 75380, 20, longs, shorts);
        record.BucketCount.Should().Be(7);
        record.Long.Span[..7].ToArray().Should().Equal(0, 127, 255, 255, 0, 0, 254);
        record.Short.Span[..7].ToArray().Should().Equal(255, 0, 1, 0, 63, 191, 25);

        var bytes = LiqHistoryRecordCodec.Encode(record);
        bytes.Length.Should().Be(4096);
        BitConverter.ToUInt32(bytes, 40).Should().Be(7u, "n_buckets sits at offset 40 of the 44-byte header");
        bytes[44 + 1].Should().Be(127);
        bytes[1044].Should().Be(255);
        bytes.AsSpan(LiqHistoryRecordCodec.PaddingOffset).IndexOfAnyExcept((byte)0).Should().Be(-1);
        var back = LiqHistoryRecordCodec.Decode(bytes).Value!;
        (back.Ts, back.Src, back.PriceMin, back.PriceMax, back.Step, back.BucketCount).Should().Be((1772506260.5, 68521.6, 61660.0, 75380.0, 20.0, 7u));
        back.Long.ToArray().Should().Equal(record.Long.ToArray());
        back.Short.ToArray().Should().Equal(record.Short.ToArray());
    }

    [Theory]
    [InlineData(2043, 1772506260.0, 10u, BinaryDecodeError.TooShort)]
    [InlineData(4096, 0.0, 10u, BinaryDecodeError.BadTimestamp)]
    [InlineData(4096, 1772506260.0, 0u, BinaryDecodeError.CountOutOfRange)]
    [InlineData(4096, 1772506260.0, 1001u, BinaryDecodeError.CountOutOfRange)]
    public void Bad_records_are_refused_with_a_typed_reason(int length, double ts, uint count, BinaryDecodeError expected)
    {
        var bytes = new byte[length];
        if (length >= 44)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(0), ts);
            BitConverter.TryWriteBytes(bytes.AsSpan(32), 20.0);
            BitConverter.TryWriteBytes(bytes.AsSpan(40), count);
        }

        LiqHistoryRecordCodec.Decode(bytes).Error.Should().Be(expected);
    }
}
