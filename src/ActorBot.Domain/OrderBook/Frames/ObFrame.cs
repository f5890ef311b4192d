namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>
/// One 30 s order-book frame of one symbol (SPEC §9.2): the book as it stood at the slot's closing boundary, summed
/// into price buckets over ±range of the reference price. The grid is integer ticks of <see cref="Step"/>, so every
/// price is exact (SOL's <c>price_max</c> is 98.6, not the old 98.60000000000001: SPEC §13 #17).
/// </summary>
public sealed record ObFrame
{
    public required string Symbol { get; init; }

    /// <summary>The slot's start, Unix seconds (the record's <c>ts</c>): the frame is valid over [ts, ts + 30 s).</summary>
    public required long TsSeconds { get; init; }

    /// <summary>The boundary the timer passed (= ts + 30 s, ms): the instant whose book state this is.</summary>
    public required long BoundaryUnixMs { get; init; }

    /// <summary>The reference price: the mark price, or the book mid when there is none.</summary>
    public required decimal Src { get; init; }

    public required decimal Step { get; init; }

    /// <summary>The tick index (price / step) of the grid's first price.</summary>
    public required long MinTick { get; init; }

    /// <summary>Grid length, 1..1000.</summary>
    public required int PriceCount { get; init; }

    /// <summary>True when the ±range grid was longer than 1000 and was cut to its first 1000 prices.</summary>
    public required bool Truncated { get; init; }

    /// <summary>USD notional per grid price, bids (index 0 = <see cref="PriceMin"/>).</summary>
    public required ReadOnlyMemory<double> BidNotional { get; init; }

    public required ReadOnlyMemory<double> AskNotional { get; init; }

    /// <summary>Display intensity 0..255 per grid price, scaled by the pooled p50..p95.</summary>
    public required ReadOnlyMemory<byte> BidU8 { get; init; }

    public required ReadOnlyMemory<byte> AskU8 { get; init; }

    public required ObNormStats Norm { get; init; }

    public required ObSideStats Bid { get; init; }

    public required ObSideStats Ask { get; init; }

    /// <summary>USD notional of the bid levels inside the grid, exact.</summary>
    public required decimal TotalBidNotional { get; init; }

    public required decimal TotalAskNotional { get; init; }

    /// <summary>The synchroniser's last applied update id at the boundary: which book state the frame shows.</summary>
    public required long BookUpdateId { get; init; }

    public decimal PriceMin => MinTick * Step;

    public decimal PriceMax => (MinTick + PriceCount - 1) * Step;

    /// <summary>The grid price at an index, exact (built by index, never by repeated addition).</summary>
    public decimal PriceAt(int index) => (MinTick + index) * Step;
}
