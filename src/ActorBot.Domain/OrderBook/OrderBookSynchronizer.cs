namespace ActorBot.Domain.OrderBook;

/// <summary>
/// Binance USDⓈ-M local order book procedure as a pure state machine (no IO, no clock):
/// buffer diffs, load the REST snapshot, drop diffs with <c>u</c> &lt; lastUpdateId, start at the first
/// diff with <c>U ≤ lastUpdateId ≤ u</c>, then require <c>pu</c> = previous <c>u</c>. Any break moves
/// back to <see cref="BookSyncState.AwaitingSnapshot"/> (a resync) and is counted; nothing throws.
/// The same code serves the live <c>/book</c> actor and <c>actorbot book replay</c>.
/// </summary>
public sealed class OrderBookSynchronizer
{
    private readonly Queue<BufferedDiff> _buffer = new();
    private readonly int _maxBufferedDiffs;
    private long _applied;
    private long _levelsApplied;
    private long _dropped;
    private long _gaps;
    private long _resyncs;
    private long _snapshots;

    public OrderBookSynchronizer(string symbol, int maxBufferedDiffs = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBufferedDiffs, 1);
        Book = new OrderBook(symbol);
        _maxBufferedDiffs = maxBufferedDiffs;
    }

    public OrderBook Book { get; }

    public BookSyncState State { get; private set; } = BookSyncState.AwaitingSnapshot;

    /// <summary>The <c>u</c> of the last applied diff, or the snapshot's lastUpdateId before the first one; -1 before any snapshot.</summary>
    public long LastUpdateId { get; private set; } = -1;

    /// <summary>True while the book cannot be trusted and a REST snapshot should be fetched.</summary>
    public bool NeedsSnapshot => State == BookSyncState.AwaitingSnapshot;

    public int BufferedCount => _buffer.Count;

    public BookSyncCounters Counters => new(_applied, _levelsApplied, _dropped, _gaps, _resyncs, _snapshots);

    /// <summary>Feeds one diff. Levels are copied only when buffered, so the caller may reuse its buffers.</summary>
    public BookSyncOutcome OnDiff(in DepthDiffHeader header, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        switch (State)
        {
            case BookSyncState.Synced:
                if (header.FinalUpdateId <= LastUpdateId)
                {
                    _dropped++;
                    return BookSyncOutcome.Dropped;
                }

                if (header.PreviousFinalUpdateId != LastUpdateId)
                {
                    StartResync();
                    Buffer(header, bids, asks);
                    return BookSyncOutcome.Gap;
                }

                ApplyDiff(header, bids, asks);
                return BookSyncOutcome.Applied;

            case BookSyncState.AwaitingBridge:
                return TryBridge(header, bids, asks);

            default:
                Buffer(header, bids, asks);
                return BookSyncOutcome.Buffered;
        }
    }

    /// <summary>Loads a REST snapshot and replays the buffered diffs against it.</summary>
    public BookSyncOutcome OnSnapshot(long lastUpdateId, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        if (State != BookSyncState.AwaitingSnapshot)
        {
            return BookSyncOutcome.Ignored;
        }

        _snapshots++;
        Book.Load(bids, asks);
        LastUpdateId = lastUpdateId;
        State = BookSyncState.AwaitingBridge;

        while (_buffer.Count > 0)
        {
            var diff = _buffer.Dequeue();
            var outcome = OnDiff(diff.Header, diff.Bids, diff.Asks);
            if (outcome == BookSyncOutcome.Gap)
            {
                // The break re-queued this diff at the end; the rest must follow it, in order.
                var rest = _buffer.Count - 1;
                for (var i = 0; i < rest; i++)
                {
                    _buffer.Enqueue(_buffer.Dequeue());
                }

                return BookSyncOutcome.Gap;
            }
        }

        return State == BookSyncState.Synced ? BookSyncOutcome.Applied : BookSyncOutcome.AwaitingBridge;
    }

    private BookSyncOutcome TryBridge(in DepthDiffHeader header, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        if (header.FinalUpdateId < LastUpdateId)
        {
            _dropped++;
            return BookSyncOutcome.Dropped;
        }

        if (header.FirstUpdateId > LastUpdateId)
        {
            // The diff stream starts after the snapshot: updates in between are missing.
            StartResync();
            Buffer(header, bids, asks);
            return BookSyncOutcome.Gap;
        }

        State = BookSyncState.Synced;
        ApplyDiff(header, bids, asks);
        return BookSyncOutcome.Applied;
    }

    private void ApplyDiff(in DepthDiffHeader header, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        _levelsApplied += Book.Apply(bids, asks);
        _applied++;
        LastUpdateId = header.FinalUpdateId;
    }

    private void StartResync()
    {
        _gaps++;
        _resyncs++;
        State = BookSyncState.AwaitingSnapshot;
    }

    private void Buffer(in DepthDiffHeader header, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        if (_buffer.Count >= _maxBufferedDiffs)
        {
            // Bounded memory: the oldest diff is the least useful for the next snapshot.
            _buffer.Dequeue();
            _dropped++;
        }

        _buffer.Enqueue(new BufferedDiff(header, bids.ToArray(), asks.ToArray()));
    }

    private sealed record BufferedDiff(DepthDiffHeader Header, BookLevel[] Bids, BookLevel[] Asks);
}
