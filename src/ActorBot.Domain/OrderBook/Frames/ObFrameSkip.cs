namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>Why no frame was taken at a boundary; each is counted by the accumulator.</summary>
public enum ObFrameSkip
{
    None,

    /// <summary>The book belongs to another symbol (SPEC §13 #1).</summary>
    WrongSymbol,

    /// <summary>The time given is not a multiple of 30 s.</summary>
    NotOnBoundary,

    /// <summary>A frame was already taken at this boundary or a later one (a late or repeated timer tick).</summary>
    NotAfterLast,

    /// <summary>The synchroniser is waiting for a snapshot or a bridging diff: its book is not the venue's.</summary>
    BookNotSynced,

    /// <summary>Best bid ≥ best ask: a book that cannot be right.</summary>
    BookCrossed,

    /// <summary>No mark price and no two-sided book to take a mid from.</summary>
    NoReferencePrice,
}

/// <summary>The frame taken at a boundary, or why none was.</summary>
public readonly record struct ObFrameResult(ObFrame? Frame, ObFrameSkip Skip)
{
    public static ObFrameResult Skipped(ObFrameSkip skip) => new(null, skip);
}
