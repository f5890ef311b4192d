using ActorBot.Domain.OrderBook;

namespace ActorBot.Venues.Tests.OrderBook;

public sealed class OrderBookSynchronizerTests
{
    private static readonly BookLevel[] SnapshotBids = [BookLevel.FromDecimal(100m, 1m)];
    private static readonly BookLevel[] SnapshotAsks = [BookLevel.FromDecimal(101m, 1m)];

    [Fact(DisplayName = "Diffs before the snapshot are buffered, stale ones dropped, and the bridging diff starts the chain")]
    public void BuffersThenBridges()
    {
        var sync = new OrderBookSynchronizer("BTCUSDT");
        Diff(sync, 1, 5, 0, bid: 99m).Should().Be(BookSyncOutcome.Buffered);
        Diff(sync, 6, 12, 5, bid: 98m).Should().Be(BookSyncOutcome.Buffered);
        Diff(sync, 13, 20, 12, bid: 97m).Should().Be(BookSyncOutcome.Buffered);

        sync.OnSnapshot(10, SnapshotBids, SnapshotAsks).Should().Be(BookSyncOutcome.Applied);

        sync.State.Should().Be(BookSyncState.Synced);
        sync.LastUpdateId.Should().Be(20);
        sync.Counters.Should().Be(new BookSyncCounters(Applied: 2, LevelsApplied: 2, Dropped: 1, Gaps: 0, Resyncs: 0, Snapshots: 1));
        sync.Book.Bids.Top(5).Select(l => l.PriceDecimal).Should().Equal(100m, 98m, 97m);
    }

    [Fact(DisplayName = "A diff whose pu is not the previous u is a gap: counted, one resync, and the book awaits a new snapshot")]
    public void GapForcesResync()
    {
        var sync = Synced();
        Diff(sync, 21, 30, 20, bid: 96m).Should().Be(BookSyncOutcome.Applied);
        Diff(sync, 35, 40, 33, bid: 95m).Should().Be(BookSyncOutcome.Gap);

        sync.NeedsSnapshot.Should().BeTrue();
        sync.Counters.Gaps.Should().Be(1);
        sync.Counters.Resyncs.Should().Be(1);
        sync.LastUpdateId.Should().Be(30);

        Diff(sync, 41, 50, 40, bid: 94m).Should().Be(BookSyncOutcome.Buffered);
        sync.OnSnapshot(45, SnapshotBids, SnapshotAsks).Should().Be(BookSyncOutcome.Applied);
        sync.LastUpdateId.Should().Be(50);
        sync.Counters.Resyncs.Should().Be(1);
        sync.Counters.Dropped.Should().Be(1, "the buffered diff ending at 40 is older than the new snapshot");
    }

    [Fact(DisplayName = "A snapshot older than every buffered diff cannot be bridged and asks for another snapshot")]
    public void SnapshotTooOld()
    {
        var sync = new OrderBookSynchronizer("BTCUSDT");
        Diff(sync, 50, 60, 49, bid: 99m);
        sync.OnSnapshot(10, SnapshotBids, SnapshotAsks).Should().Be(BookSyncOutcome.Gap);
        sync.NeedsSnapshot.Should().BeTrue();
        sync.BufferedCount.Should().Be(1);

        sync.OnSnapshot(55, SnapshotBids, SnapshotAsks).Should().Be(BookSyncOutcome.Applied);
        sync.LastUpdateId.Should().Be(60);
        sync.Counters.Resyncs.Should().Be(1);
    }

    [Fact(DisplayName = "Duplicates after sync are dropped, not treated as gaps; a second snapshot while synced is ignored")]
    public void DuplicatesDropped()
    {
        var sync = Synced();
        Diff(sync, 13, 20, 12, bid: 97m).Should().Be(BookSyncOutcome.Dropped);
        sync.OnSnapshot(99, SnapshotBids, SnapshotAsks).Should().Be(BookSyncOutcome.Ignored);
        sync.Counters.Gaps.Should().Be(0);
    }

    [Fact(DisplayName = "The buffer is bounded: overflow drops the oldest diff and counts it")]
    public void BoundedBuffer()
    {
        var sync = new OrderBookSynchronizer("BTCUSDT", maxBufferedDiffs: 2);
        Diff(sync, 1, 2, 0, bid: 1m);
        Diff(sync, 3, 4, 2, bid: 1m);
        Diff(sync, 5, 6, 4, bid: 1m);
        sync.BufferedCount.Should().Be(2);
        sync.Counters.Dropped.Should().Be(1);
    }

    [Fact(DisplayName = "After a snapshot without a bridging diff, the first diff starting after it is a gap")]
    public void AwaitingBridge()
    {
        var sync = new OrderBookSynchronizer("BTCUSDT");
        sync.OnSnapshot(10, SnapshotBids, SnapshotAsks).Should().Be(BookSyncOutcome.AwaitingBridge);
        Diff(sync, 3, 9, 2, bid: 1m).Should().Be(BookSyncOutcome.Dropped);
        Diff(sync, 12, 15, 9, bid: 1m).Should().Be(BookSyncOutcome.Gap);
        sync.Counters.Resyncs.Should().Be(1);
    }

    private static OrderBookSynchronizer Synced()
    {
        var sync = new OrderBookSynchronizer("BTCUSDT");
        sync.OnSnapshot(10, SnapshotBids, SnapshotAsks);
        Diff(sync, 6, 12, 5, bid: 98m).Should().Be(BookSyncOutcome.Applied);
        Diff(sync, 13, 20, 12, bid: 97m).Should().Be(BookSyncOutcome.Applied);
        return sync;
    }

    private static BookSyncOutcome Diff(OrderBookSynchronizer sync, long first, long last, long previous, decimal bid) =>
        sync.OnDiff(new DepthDiffHeader(first, last, previous, 0), [BookLevel.FromDecimal(bid, 1m)], ReadOnlySpan<BookLevel>.Empty);
}
