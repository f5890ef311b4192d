namespace ActorBot.Domain.OrderBook.Binary;

/// <summary>
/// The 64-byte header of a <c>format=bin</c> order-book response (SPEC §9.5). Percentiles are USD/1000 clamped to
/// u16 (<see cref="ObApiBinaryCodec.UsdToU16"/>).
/// </summary>
public readonly record struct ObApiBinaryHeader(
    ulong FrameTsMs,
    uint IntervalMs,
    ushort Rows,
    ushort Cols,
    double PriceMin,
    double PriceMax,
    double Step,
    double Src,
    ushort P50,
    ushort P90,
    ushort P95,
    ushort P99,
    ushort Max)
{
    public const byte Version = 1;

    /// <summary>0 = raw bytes (the only encoding the old server wrote).</summary>
    public const byte EncodingRaw = 0;

    public const uint DefaultIntervalMs = 30_000;
}

/// <summary>
/// A decoded <c>format=bin</c> body: single frame (<see cref="TsMs"/> empty; bid and ask are <c>cols</c> bytes) or
/// history (bid and ask row-major <c>rows·cols</c>, then one ts per row).
/// </summary>
public sealed record ObApiBinaryBody(ObApiBinaryHeader Header, ReadOnlyMemory<byte> Bid, ReadOnlyMemory<byte> Ask, ReadOnlyMemory<ulong> TsMs)
{
    public bool IsHistory => !TsMs.IsEmpty;
}
