namespace ActorBot.Domain.OrderBook;

/// <summary>What one diff or snapshot did. A gap is a result, not an exception: the caller fetches a new snapshot.</summary>
public enum BookSyncOutcome
{
    /// <summary>Kept until a snapshot arrives.</summary>
    Buffered,

    /// <summary>Applied to the book (for a snapshot: the book is synced).</summary>
    Applied,

    /// <summary>Older than the book (<c>u</c> before the snapshot or already applied); discarded.</summary>
    Dropped,

    /// <summary>A sequence break: the book is no longer trusted and a new snapshot is needed.</summary>
    Gap,

    /// <summary>Snapshot loaded, no diff bridges it yet.</summary>
    AwaitingBridge,

    /// <summary>Snapshot not needed (the book is already synced); ignored.</summary>
    Ignored,
}
