namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>
/// The 30 s order-book frames of one symbol (SPEC §9.2, §15.4), pure: the caller's timer passes each slot boundary
/// and the accumulator takes the synchroniser's book <b>as it stands at that boundary</b>. The old engine emitted the
/// last book seen in a slot only when a later diff arrived, so a quiet minute produced no frame and skipped slots
/// collapsed into one; here every boundary with a synced book yields exactly one frame, and every boundary without
/// one is a counted, typed skip. One instance per symbol; it holds no state of another symbol.
/// </summary>
public sealed class ObFrameAccumulator
{
    private readonly long[] _skips = new long[Enum.GetValues<ObFrameSkip>().Length];
    private long _lastBoundaryMs = long.MinValue;

    public ObFrameAccumulator(ObFrameOptions options)
    {
        Options = options;
    }

    public ObFrameOptions Options { get; }

    public long FramesTaken { get; private set; }

    /// <summary>The last frame taken, or null before the first.</summary>
    public ObFrame? Latest { get; private set; }

    public long SkipCount(ObFrameSkip reason) => _skips[(int)reason];

    /// <summary>
    /// Takes the frame of the slot that closes at <paramref name="boundaryUnixMs"/> (a multiple of 30 s): ts = boundary − 30 s.
    /// </summary>
    /// <param name="markPrice">The symbol's mark price, the reference of the ±range; null or ≤ 0 falls back to the book mid.</param>
    public ObFrameResult TakeFrame(OrderBookSynchronizer book, decimal? markPrice, long boundaryUnixMs)
    {
        var skip = Check(book, boundaryUnixMs);
        if (skip == ObFrameSkip.None && ReferencePrice(book.Book, markPrice) is { } src)
        {
            var frame = ObFrameBuilder.Build(Options, book.Book, src, boundaryUnixMs, book.LastUpdateId);
            _lastBoundaryMs = boundaryUnixMs;
            FramesTaken++;
            Latest = frame;
            return new ObFrameResult(frame, ObFrameSkip.None);
        }

        skip = skip == ObFrameSkip.None ? ObFrameSkip.NoReferencePrice : skip;
        _skips[(int)skip]++;
        return ObFrameResult.Skipped(skip);
    }

    /// <summary>The latest boundary at or before a time: where the caller's timer should fire next is this + 30 s.</summary>
    public static long BoundaryAtOrBefore(long unixMs) =>
        unixMs - (((unixMs % ObFrameOptions.SlotMilliseconds) + ObFrameOptions.SlotMilliseconds) % ObFrameOptions.SlotMilliseconds);

    private ObFrameSkip Check(OrderBookSynchronizer book, long boundaryUnixMs)
    {
        if (!string.Equals(book.Book.Symbol, Options.Symbol, StringComparison.Ordinal))
        {
            return ObFrameSkip.WrongSymbol;
        }

        if (boundaryUnixMs % ObFrameOptions.SlotMilliseconds != 0)
        {
            return ObFrameSkip.NotOnBoundary;
        }

        if (boundaryUnixMs <= _lastBoundaryMs)
        {
            return ObFrameSkip.NotAfterLast;
        }

        if (book.State != BookSyncState.Synced)
        {
            return ObFrameSkip.BookNotSynced;
        }

        return book.Book.IsCrossed ? ObFrameSkip.BookCrossed : ObFrameSkip.None;
    }

    private static decimal? ReferencePrice(OrderBook book, decimal? markPrice)
    {
        if (markPrice is > 0)
        {
            return markPrice;
        }

        if (book.Bids.Best is { } bid && book.Asks.Best is { } ask)
        {
            return (Fixed8.ToDecimal(bid.Price) + Fixed8.ToDecimal(ask.Price)) / 2;
        }

        return null;
    }
}
