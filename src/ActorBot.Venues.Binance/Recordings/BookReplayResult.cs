using ActorBot.Domain.OrderBook;

namespace ActorBot.Venues.Binance.Recordings;

/// <summary>The outcome of rebuilding one symbol's book from recordings.</summary>
public sealed record BookReplayResult(
    string Symbol,
    long LastUpdateId,
    IReadOnlyList<BookLevel> Bids,
    IReadOnlyList<BookLevel> Asks,
    BookSyncCounters Counters,
    int SnapshotsSeen,
    long DecodeErrors,
    long UnrecognizedLines);
