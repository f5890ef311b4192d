using System.Buffers.Binary;
using ActorBot.Domain.Binary;

namespace ActorBot.Domain.OrderBook.Binary;

/// <summary>
/// Writes and reads the <c>format=bin</c> bodies of <c>/orderbook_heatmap</c> and its history (SPEC §9.5), little endian:
/// a 64-byte header, then bid u8, ask u8 and, for history only, <c>u64 ts_ms[rows]</c>. A single frame and a one-row
/// history differ only by those 8 trailing bytes, which is how the reader tells them apart.
/// </summary>
public static class ObApiBinaryCodec
{
    public const int HeaderSize = 64;

    /// <summary><c>min(65535, int(USD / 1000))</c>; negative or NaN → 0.</summary>
    public static ushort UsdToU16(double usd)
    {
        var thousands = usd / 1000;
        return double.IsNaN(thousands) || thousands <= 0 ? (ushort)0 : thousands >= ushort.MaxValue ? ushort.MaxValue : (ushort)thousands;
    }

    public static byte[] EncodeSingle(ObApiBinaryHeader header, ReadOnlySpan<byte> bid, ReadOnlySpan<byte> ask)
    {
        if (header.Rows != 1 || bid.Length != header.Cols || ask.Length != header.Cols)
        {
            throw new ArgumentException($"A single-frame body needs rows = 1 and {header.Cols} bid and ask bytes.", nameof(header));
        }

        var bytes = new byte[HeaderSize + (2 * header.Cols)];
        WriteHeader(header, bytes);
        bid.CopyTo(bytes.AsSpan(HeaderSize));
        ask.CopyTo(bytes.AsSpan(HeaderSize + header.Cols));
        return bytes;
    }

    public static byte[] EncodeHistory(ObApiBinaryHeader header, ReadOnlySpan<byte> bid, ReadOnlySpan<byte> ask, ReadOnlySpan<ulong> tsMs)
    {
        var cells = header.Rows * header.Cols;
        if (bid.Length != cells || ask.Length != cells || tsMs.Length != header.Rows)
        {
            throw new ArgumentException($"A history body needs {cells} bid and ask bytes and {header.Rows} timestamps.", nameof(header));
        }

        var bytes = new byte[HeaderSize + (2 * cells) + (8 * header.Rows)];
        WriteHeader(header, bytes);
        bid.CopyTo(bytes.AsSpan(HeaderSize));
        ask.CopyTo(bytes.AsSpan(HeaderSize + cells));
        var ts = bytes.AsSpan(HeaderSize + (2 * cells));
        for (var i = 0; i < tsMs.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(ts[(8 * i)..], tsMs[i]);
        }

        return bytes;
    }

    public static BinaryDecodeResult<ObApiBinaryBody> Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < HeaderSize)
        {
            return BinaryDecodeResult<ObApiBinaryBody>.Fail(BinaryDecodeError.TooShort);
        }

        if (source[0] != ObApiBinaryHeader.Version || source[1] != ObApiBinaryHeader.EncodingRaw)
        {
            return BinaryDecodeResult<ObApiBinaryBody>.Fail(BinaryDecodeError.UnknownVersion);
        }

        var header = ReadHeader(source);
        var cells = (int)Math.Min((long)header.Rows * header.Cols, int.MaxValue); // 65535² overflows an int
        var single = HeaderSize + (2L * header.Cols);
        var history = HeaderSize + (2L * header.Rows * header.Cols) + (8L * header.Rows);
        if (header.Rows == 1 && source.Length == single)
        {
            return BinaryDecodeResult<ObApiBinaryBody>.Ok(new ObApiBinaryBody(
                header,
                source.Slice(HeaderSize, header.Cols).ToArray(),
                source.Slice(HeaderSize + header.Cols, header.Cols).ToArray(),
                ReadOnlyMemory<ulong>.Empty));
        }

        if (header.Rows == 0 || source.Length != history)
        {
            return BinaryDecodeResult<ObApiBinaryBody>.Fail(BinaryDecodeError.LengthMismatch);
        }

        var ts = new ulong[header.Rows];
        var tsBytes = source[(HeaderSize + (2 * cells))..];
        for (var i = 0; i < ts.Length; i++)
        {
            ts[i] = BinaryPrimitives.ReadUInt64LittleEndian(tsBytes[(8 * i)..]);
        }

        return BinaryDecodeResult<ObApiBinaryBody>.Ok(new ObApiBinaryBody(
            header,
            source.Slice(HeaderSize, cells).ToArray(),
            source.Slice(HeaderSize + cells, cells).ToArray(),
            ts));
    }

    private static void WriteHeader(in ObApiBinaryHeader h, Span<byte> d)
    {
        d[0] = ObApiBinaryHeader.Version;
        d[1] = ObApiBinaryHeader.EncodingRaw;
        BinaryPrimitives.WriteUInt16LittleEndian(d[2..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(d[4..], h.FrameTsMs);
        BinaryPrimitives.WriteUInt32LittleEndian(d[12..], h.IntervalMs);
        BinaryPrimitives.WriteUInt16LittleEndian(d[16..], h.Rows);
        BinaryPrimitives.WriteUInt16LittleEndian(d[18..], h.Cols);
        BinaryPrimitives.WriteDoubleLittleEndian(d[20..], h.PriceMin);
        BinaryPrimitives.WriteDoubleLittleEndian(d[28..], h.PriceMax);
        BinaryPrimitives.WriteDoubleLittleEndian(d[36..], h.Step);
        BinaryPrimitives.WriteDoubleLittleEndian(d[44..], h.Src);
        BinaryPrimitives.WriteUInt16LittleEndian(d[52..], h.P50);
        BinaryPrimitives.WriteUInt16LittleEndian(d[54..], h.P90);
        BinaryPrimitives.WriteUInt16LittleEndian(d[56..], h.P95);
        BinaryPrimitives.WriteUInt16LittleEndian(d[58..], h.P99);
        BinaryPrimitives.WriteUInt16LittleEndian(d[60..], h.Max);
        BinaryPrimitives.WriteUInt16LittleEndian(d[62..], 0);
    }

    private static ObApiBinaryHeader ReadHeader(ReadOnlySpan<byte> s) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(s[4..]),
        BinaryPrimitives.ReadUInt32LittleEndian(s[12..]),
        BinaryPrimitives.ReadUInt16LittleEndian(s[16..]),
        BinaryPrimitives.ReadUInt16LittleEndian(s[18..]),
        BinaryPrimitives.ReadDoubleLittleEndian(s[20..]),
        BinaryPrimitives.ReadDoubleLittleEndian(s[28..]),
        BinaryPrimitives.ReadDoubleLittleEndian(s[36..]),
        BinaryPrimitives.ReadDoubleLittleEndian(s[44..]),
        BinaryPrimitives.ReadUInt16LittleEndian(s[52..]),
        BinaryPrimitives.ReadUInt16LittleEndian(s[54..]),
        BinaryPrimitives.ReadUInt16LittleEndian(s[56..]),
        BinaryPrimitives.ReadUInt16LittleEndian(s[58..]),
        BinaryPrimitives.ReadUInt16LittleEndian(s[60..]));
}
