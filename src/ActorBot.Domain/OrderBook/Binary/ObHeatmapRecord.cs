namespace ActorBot.Domain.OrderBook.Binary;

/// <summary>
/// One 4096-byte record of <c>ob_heatmap_30s*.bin</c> (SPEC §9.3), field for field. <see cref="Bid"/> and
/// <see cref="Ask"/> are the whole 1000-byte areas as stored (the first <see cref="PriceCount"/> bytes are used), so a
/// decoded record encodes back to the same bytes.
/// </summary>
public sealed record ObHeatmapRecord
{
    public required double Ts { get; init; }

    public required double Src { get; init; }

    public required double Step { get; init; }

    public required double PriceMin { get; init; }

    public required double PriceMax { get; init; }

    public required uint PriceCount { get; init; }

    public required double NormP50 { get; init; }

    public required double NormP95 { get; init; }

    public required double TotalBidNotional { get; init; }

    public required double TotalAskNotional { get; init; }

    /// <summary>1000 bytes: bid intensity per grid price, zero past <see cref="PriceCount"/>.</summary>
    public required ReadOnlyMemory<byte> Bid { get; init; }

    public required ReadOnlyMemory<byte> Ask { get; init; }

    /// <summary>The statistics the old record lost (SPEC §13 #17), kept in its zero padding; null in old files.</summary>
    public ObRecordExtension? Extension { get; init; }
}

/// <summary>
/// The frame statistics the API returns but the 76-byte header has no room for: p90, p99, max and the per-side
/// p50/p95/max. Stored in the record's padding (offset 2076), which old readers skip, behind a magic tag, so files
/// stay readable both ways and a restart serves the same numbers as before it.
/// </summary>
public readonly record struct ObRecordExtension(
    double NormP90,
    double NormP99,
    double NormMax,
    double BidP50,
    double BidP95,
    double BidMax,
    double AskP50,
    double AskP95,
    double AskMax);
