using ActorBot.Domain.Binary;
using ActorBot.Domain.OrderBook.Binary;

namespace ActorBot.Domain.Tests.OrderBook.Binary;

/// <summary>The <c>format=bin</c> bodies of SPEC §9.5: 64-byte little-endian header, then the arrays.</summary>
public sealed class ObApiBinaryCodecTests
{
    private static ObApiBinaryHeader Header(ushort rows, ushort cols) => new(
        FrameTsMs: 1_772_614_890_000,
        IntervalMs: ObApiBinaryHeader.DefaultIntervalMs,
        Rows: rows,
        Cols: cols,
        PriceMin: 63880,
        PriceMax: 78080,
        Step: 20,
        Src: 70977.8499058,
        P50: ObApiBinaryCodec.UsdToU16(198494.6364),
        P90: 1000,
        P95: ObApiBinaryCodec.UsdToU16(5692447.40552),
        P99: 9000,
        Max: ObApiBinaryCodec.UsdToU16(1e12));

    [Fact]
    public void A_single_frame_body_has_the_header_at_its_offsets_then_bid_and_ask()
    {
        byte[] bid = [0, 10, 255, 3];
        byte[] ask = [7, 0, 0, 200];

        var body = ObApiBinaryCodec.EncodeSingle(Header(1, 4), bid, ask);

        body.Length.Should().Be(64 + 8);
        (body[0], body[1], BitConverter.ToUInt16(body, 2)).Should().Be(((byte)1, (byte)0, (ushort)0));
        BitConverter.ToUInt64(body, 4).Should().Be(1_772_614_890_000UL);
        BitConverter.ToUInt32(body, 12).Should().Be(30_000u);
        (BitConverter.ToUInt16(body, 16), BitConverter.ToUInt16(body, 18)).Should().Be(((ushort)1, (ushort)4));
        (BitConverter.ToDouble(body, 20), BitConverter.ToDouble(body, 28), BitConverter.ToDouble(body, 36), BitConverter.ToDouble(body, 44))
            .Should().Be((63880.0, 78080.0, 20.0, 70977.8499058));
        Enumerable.Range(0, 5).Select(i => BitConverter.ToUInt16(body, 52 + (2 * i))).Should().Equal(198, 1000, 5692, 9000, 65535);
        BitConverter.ToUInt16(body, 62).Should().Be(0);
        body[64..68].Should().Equal(bid);
        body[68..72].Should().Equal(ask);

        var decoded = ObApiBinaryCodec.Decode(body).Value!;
        decoded.IsHistory.Should().BeFalse();
        decoded.Header.Should().Be(Header(1, 4));
        decoded.Bid.ToArray().Should().Equal(bid);
        decoded.Ask.ToArray().Should().Equal(ask);
    }

    [Fact]
    public void A_history_body_is_row_major_bid_then_ask_then_one_timestamp_per_row()
    {
        var bid = Enumerable.Range(0, 6).Select(i => (byte)i).ToArray();
        var ask = Enumerable.Range(0, 6).Select(i => (byte)(100 + i)).ToArray();
        ulong[] ts = [1_772_614_830_000, 1_772_614_860_000, 1_772_614_890_000];

        var body = ObApiBinaryCodec.EncodeHistory(Header(3, 2), bid, ask, ts);

        body.Length.Should().Be(64 + 12 + 24);
        BitConverter.ToUInt64(body, 64 + 12).Should().Be(ts[0]);
        BitConverter.ToUInt64(body, 64 + 12 + 16).Should().Be(ts[2]);
        var decoded = ObApiBinaryCodec.Decode(body).Value!;
        decoded.IsHistory.Should().BeTrue();
        decoded.TsMs.ToArray().Should().Equal(ts);
        decoded.Ask.ToArray().Should().Equal(ask);
        ObApiBinaryCodec.EncodeHistory(decoded.Header, decoded.Bid.Span, decoded.Ask.Span, decoded.TsMs.Span).Should().Equal(body);
    }

    [Fact]
    public void A_one_row_history_keeps_its_timestamp_and_is_told_apart_from_a_single_frame()
    {
        var body = ObApiBinaryCodec.EncodeHistory(Header(1, 2), [1, 2], [3, 4], [1_772_614_890_000]);
        var decoded = ObApiBinaryCodec.Decode(body).Value!;
        decoded.IsHistory.Should().BeTrue();
        decoded.TsMs.ToArray().Should().Equal(1_772_614_890_000UL);
    }

    [Theory]
    [InlineData(999.9, 0)]
    [InlineData(1000, 1)]
    [InlineData(198494.6364, 198)]
    [InlineData(65_535_999, 65535)]
    [InlineData(7e10, 65535)]
    [InlineData(-5, 0)]
    [InlineData(double.NaN, 0)]
    public void Percentiles_are_thousands_of_USD_clamped_to_u16(double usd, int expected) =>
        ObApiBinaryCodec.UsdToU16(usd).Should().Be((ushort)expected);

    [Fact]
    public void Bodies_that_do_not_match_their_header_are_refused_with_a_typed_reason()
    {
        var body = ObApiBinaryCodec.EncodeSingle(Header(1, 4), new byte[4], new byte[4]);

        ObApiBinaryCodec.Decode(body.AsSpan(0, 10)).Error.Should().Be(BinaryDecodeError.TooShort);
        ObApiBinaryCodec.Decode(body.AsSpan(0, body.Length - 1)).Error.Should().Be(BinaryDecodeError.LengthMismatch);
        var wrongVersion = body.ToArray();
        wrongVersion[0] = 2;
        ObApiBinaryCodec.Decode(wrongVersion).Error.Should().Be(BinaryDecodeError.UnknownVersion);
        var huge = body.ToArray();
        BitConverter.TryWriteBytes(huge.AsSpan(16), ushort.MaxValue);
        BitConverter.TryWriteBytes(huge.AsSpan(18), ushort.MaxValue);
        ObApiBinaryCodec.Decode(huge).Error.Should().Be(BinaryDecodeError.LengthMismatch);
        FluentActions.Invoking(() => ObApiBinaryCodec.EncodeSingle(Header(2, 4), new byte[4], new byte[4])).Should().Throw<ArgumentException>();
    }
}
