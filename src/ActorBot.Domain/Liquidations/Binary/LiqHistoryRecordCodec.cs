using System.Buffers.Binary;
using ActorBot.Domain.Binary;

namespace ActorBot.Domain.Liquidations.Binary;

/// <summary>
/// Encodes and decodes the liquidation-history record of SPEC §9.4: 4096 bytes, little endian, a packed 44-byte
/// header (<c>&lt;dddddI</c>; the old comments' "48" is wrong), 1000 long bytes at 44, 1000 short bytes at 1044, zero
/// padding from 2044.
/// </summary>
public static class LiqHistoryRecordCodec
{
    public const int RecordSize = 4096;

    public const int HeaderSize = 44;

    public const int MaxBuckets = 1000;

    public const int LongOffset = HeaderSize;

    public const int ShortOffset = LongOffset + MaxBuckets;

    public const int PaddingOffset = ShortOffset + MaxBuckets;

    public static void Encode(LiqHistoryRecord record, Span<byte> destination)
    {
        if (destination.Length < RecordSize)
        {
            throw new ArgumentException($"A liquidation record needs {RecordSize} bytes, got {destination.Length}.", nameof(destination));
        }

        if (record.Long.Length != MaxBuckets || record.Short.Length != MaxBuckets)
        {
            throw new ArgumentException($"Long and short areas must be {MaxBuckets} bytes.", nameof(record));
        }

        var d = destination[..RecordSize];
        d.Clear();
        BinaryPrimitives.WriteDoubleLittleEndian(d[0..], record.Ts);
        BinaryPrimitives.WriteDoubleLittleEndian(d[8..], record.Src);
        BinaryPrimitives.WriteDoubleLittleEndian(d[16..], record.PriceMin);
        BinaryPrimitives.WriteDoubleLittleEndian(d[24..], record.PriceMax);
        BinaryPrimitives.WriteDoubleLittleEndian(d[32..], record.Step);
        BinaryPrimitives.WriteUInt32LittleEndian(d[40..], record.BucketCount);
        record.Long.Span.CopyTo(d[LongOffset..]);
        record.Short.Span.CopyTo(d[ShortOffset..]);
    }

    public static byte[] Encode(LiqHistoryRecord record)
    {
        var bytes = new byte[RecordSize];
        Encode(record, bytes);
        return bytes;
    }

    /// <summary>The old loader's skip rules, typed: short, ts ≤ 0, n = 0 or n &gt; 1000; plus a step that is not positive.</summary>
    public static BinaryDecodeResult<LiqHistoryRecord> Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < PaddingOffset)
        {
            return BinaryDecodeResult<LiqHistoryRecord>.Fail(BinaryDecodeError.TooShort);
        }

        var ts = BinaryPrimitives.ReadDoubleLittleEndian(source);
        if (!double.IsFinite(ts) || ts <= 0)
        {
            return BinaryDecodeResult<LiqHistoryRecord>.Fail(BinaryDecodeError.BadTimestamp);
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(source[40..]);
        if (count is 0 or > MaxBuckets)
        {
            return BinaryDecodeResult<LiqHistoryRecord>.Fail(BinaryDecodeError.CountOutOfRange);
        }

        var step = BinaryPrimitives.ReadDoubleLittleEndian(source[32..]);
        if (!double.IsFinite(step) || step <= 0)
        {
            return BinaryDecodeResult<LiqHistoryRecord>.Fail(BinaryDecodeError.BadStep);
        }

        return BinaryDecodeResult<LiqHistoryRecord>.Ok(new LiqHistoryRecord
        {
            Ts = ts,
            Src = BinaryPrimitives.ReadDoubleLittleEndian(source[8..]),
            PriceMin = BinaryPrimitives.ReadDoubleLittleEndian(source[16..]),
            PriceMax = BinaryPrimitives.ReadDoubleLittleEndian(source[24..]),
            Step = step,
            BucketCount = count,
            Long = source.Slice(LongOffset, MaxBuckets).ToArray(),
            Short = source.Slice(ShortOffset, MaxBuckets).ToArray(),
        });
    }

    /// <summary>
    /// The record of a V2 snapshot: <c>u8 = clamp(int(v·255), 0, 255)</c> per intensity (truncation; NaN → 0), the
    /// grid cut to 1000 buckets.
    /// </summary>
    public static LiqHistoryRecord FromIntensities(
        double ts,
        double src,
        double priceMin,
        double priceMax,
        double step,
        ReadOnlySpan<double> longIntensity,
        ReadOnlySpan<double> shortIntensity)
    {
        if (longIntensity.Length != shortIntensity.Length)
        {
            throw new ArgumentException("Long and short intensities must have the same length.", nameof(shortIntensity));
        }

        var n = Math.Min(longIntensity.Length, MaxBuckets);
        var longBytes = new byte[MaxBuckets];
        var shortBytes = new byte[MaxBuckets];
        for (var i = 0; i < n; i++)
        {
            longBytes[i] = ToU8(longIntensity[i]);
            shortBytes[i] = ToU8(shortIntensity[i]);
        }

        return new LiqHistoryRecord
        {
            Ts = ts,
            Src = src,
            PriceMin = priceMin,
            PriceMax = priceMax,
            Step = step,
            BucketCount = (uint)n,
            Long = longBytes,
            Short = shortBytes,
        };
    }

    public static byte ToU8(double intensity)
    {
        var scaled = intensity * 255;
        return double.IsNaN(scaled) || scaled <= 0 ? (byte)0 : scaled >= 255 ? (byte)255 : (byte)(int)scaled;
    }
}
