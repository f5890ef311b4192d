using System.Buffers.Binary;
using ActorBot.Domain.Binary;
using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Domain.OrderBook.Binary;

/// <summary>
/// Encodes and decodes the order-book frame record of SPEC §9.3: 4096 bytes, little endian, a packed 76-byte header
/// (<c>&lt;dddddIdddd</c>), 1000 bid bytes at 76, 1000 ask bytes at 1076, zero padding from 2076; this codec may put an
/// <see cref="ObRecordExtension"/> at the start of the padding.
/// </summary>
public static class ObHeatmapRecordCodec
{
    public const int RecordSize = 4096;

    public const int HeaderSize = 76;

    public const int MaxPrices = 1000;

    public const int BidOffset = HeaderSize;

    public const int AskOffset = BidOffset + MaxPrices;

    public const int PaddingOffset = AskOffset + MaxPrices;

    /// <summary>"ABX1" little endian: marks an <see cref="ObRecordExtension"/> in the padding.</summary>
    public const uint ExtensionMagic = 0x31584241;

    private const int ExtensionSize = 4 + (9 * 8);

    /// <summary>Writes the whole 4096-byte record (padding zeroed).</summary>
    public static void Encode(ObHeatmapRecord record, Span<byte> destination)
    {
        if (destination.Length < RecordSize)
        {
            throw new ArgumentException($"An OB record needs {RecordSize} bytes, got {destination.Length}.", nameof(destination));
        }

        if (record.Bid.Length != MaxPrices || record.Ask.Length != MaxPrices)
        {
            throw new ArgumentException($"Bid and ask areas must be {MaxPrices} bytes.", nameof(record));
        }

        var d = destination[..RecordSize];
        d.Clear();
        BinaryPrimitives.WriteDoubleLittleEndian(d[0..], record.Ts);
        BinaryPrimitives.WriteDoubleLittleEndian(d[8..], record.Src);
        BinaryPrimitives.WriteDoubleLittleEndian(d[16..], record.Step);
        BinaryPrimitives.WriteDoubleLittleEndian(d[24..], record.PriceMin);
        BinaryPrimitives.WriteDoubleLittleEndian(d[32..], record.PriceMax);
        BinaryPrimitives.WriteUInt32LittleEndian(d[40..], record.PriceCount);
        BinaryPrimitives.WriteDoubleLittleEndian(d[44..], record.NormP50);
        BinaryPrimitives.WriteDoubleLittleEndian(d[52..], record.NormP95);
        BinaryPrimitives.WriteDoubleLittleEndian(d[60..], record.TotalBidNotional);
        BinaryPrimitives.WriteDoubleLittleEndian(d[68..], record.TotalAskNotional);
        record.Bid.Span.CopyTo(d[BidOffset..]);
        record.Ask.Span.CopyTo(d[AskOffset..]);
        if (record.Extension is { } x)
        {
            var e = d[PaddingOffset..];
            BinaryPrimitives.WriteUInt32LittleEndian(e, ExtensionMagic);
            Span<double> values = [x.NormP90, x.NormP99, x.NormMax, x.BidP50, x.BidP95, x.BidMax, x.AskP50, x.AskP95, x.AskMax];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(e[(4 + (8 * i))..], values[i]);
            }
        }
    }

    public static byte[] Encode(ObHeatmapRecord record)
    {
        var bytes = new byte[RecordSize];
        Encode(record, bytes);
        return bytes;
    }

    /// <summary>
    /// Reads a record. Refused (typed, never thrown): fewer than 76 + 2000 bytes, a price count outside 1..1000, a
    /// timestamp or step that is not a positive finite number.
    /// </summary>
    public static BinaryDecodeResult<ObHeatmapRecord> Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < PaddingOffset)
        {
            return BinaryDecodeResult<ObHeatmapRecord>.Fail(BinaryDecodeError.TooShort);
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(source[40..]);
        if (count is 0 or > MaxPrices)
        {
            return BinaryDecodeResult<ObHeatmapRecord>.Fail(BinaryDecodeError.CountOutOfRange);
        }

        var ts = BinaryPrimitives.ReadDoubleLittleEndian(source);
        if (!double.IsFinite(ts) || ts <= 0)
        {
            return BinaryDecodeResult<ObHeatmapRecord>.Fail(BinaryDecodeError.BadTimestamp);
        }

        var step = BinaryPrimitives.ReadDoubleLittleEndian(source[16..]);
        if (!double.IsFinite(step) || step <= 0)
        {
            return BinaryDecodeResult<ObHeatmapRecord>.Fail(BinaryDecodeError.BadStep);
        }

        return BinaryDecodeResult<ObHeatmapRecord>.Ok(new ObHeatmapRecord
        {
            Ts = ts,
            Src = BinaryPrimitives.ReadDoubleLittleEndian(source[8..]),
            Step = step,
            PriceMin = BinaryPrimitives.ReadDoubleLittleEndian(source[24..]),
            PriceMax = BinaryPrimitives.ReadDoubleLittleEndian(source[32..]),
            PriceCount = count,
            NormP50 = BinaryPrimitives.ReadDoubleLittleEndian(source[44..]),
            NormP95 = BinaryPrimitives.ReadDoubleLittleEndian(source[52..]),
            TotalBidNotional = BinaryPrimitives.ReadDoubleLittleEndian(source[60..]),
            TotalAskNotional = BinaryPrimitives.ReadDoubleLittleEndian(source[68..]),
            Bid = source.Slice(BidOffset, MaxPrices).ToArray(),
            Ask = source.Slice(AskOffset, MaxPrices).ToArray(),
            Extension = ReadExtension(source[PaddingOffset..]),
        });
    }

    /// <summary>The record of a frame: the exact decimal prices become the nearest doubles (98.6, not 98.60000000000001).</summary>
    public static ObHeatmapRecord FromFrame(ObFrame frame)
    {
        var bid = new byte[MaxPrices];
        var ask = new byte[MaxPrices];
        frame.BidU8.Span.CopyTo(bid);
        frame.AskU8.Span.CopyTo(ask);
        return new ObHeatmapRecord
        {
            Ts = frame.TsSeconds,
            Src = (double)frame.Src,
            Step = (double)frame.Step,
            PriceMin = (double)frame.PriceMin,
            PriceMax = (double)frame.PriceMax,
            PriceCount = (uint)frame.PriceCount,
            NormP50 = frame.Norm.P50,
            NormP95 = frame.Norm.P95,
            TotalBidNotional = (double)frame.TotalBidNotional,
            TotalAskNotional = (double)frame.TotalAskNotional,
            Bid = bid,
            Ask = ask,
            Extension = new ObRecordExtension(
                frame.Norm.P90,
                frame.Norm.P99,
                frame.Norm.Max,
                frame.Bid.P50,
                frame.Bid.P95,
                frame.Bid.Max,
                frame.Ask.P50,
                frame.Ask.P95,
                frame.Ask.Max),
        };
    }

    /// <summary>
    /// The exact tick of the record's first price: old files hold float noise (SOL 98.60000000000001), and
    /// <c>(decimal)double</c> keeps 15 significant digits, which lands back on the step's multiple.
    /// </summary>
    public static long MinTickOf(ObHeatmapRecord record) =>
        (long)decimal.Round((decimal)record.PriceMin / (decimal)record.Step, MidpointRounding.ToEven);

    /// <summary>The old reader's notional estimate of a bucket: u8/255·(p95 − p50) + p50 for u8 &gt; 0, else 0.</summary>
    public static double ApproximateNotional(byte u8, double p50, double p95) =>
        u8 == 0 ? 0 : (u8 / 255.0 * (p95 - p50)) + p50;

    private static ObRecordExtension? ReadExtension(ReadOnlySpan<byte> padding)
    {
        if (padding.Length < ExtensionSize || BinaryPrimitives.ReadUInt32LittleEndian(padding) != ExtensionMagic)
        {
            return null;
        }

        Span<double> v = stackalloc double[9];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = BinaryPrimitives.ReadDoubleLittleEndian(padding[(4 + (8 * i))..]);
        }

        return new ObRecordExtension(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
