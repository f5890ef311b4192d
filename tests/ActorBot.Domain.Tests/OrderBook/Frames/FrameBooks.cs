using ActorBot.Domain.OrderBook;

namespace ActorBot.Domain.Tests.OrderBook.Frames;

/// <summary>Books brought to Synced through the real synchroniser (snapshot, then the bridging diff).</summary>
internal static class FrameBooks
{
    /// <summary>Boundary 2026-03-04 09:02:00 UTC, a multiple of 30 s; its slot starts at 1772614890.</summary>
    public const long Boundary = 1_772_614_920_000;

    public static OrderBookSynchronizer Synced(string symbol, (decimal Price, decimal Qty)[] bids, (decimal Price, decimal Qty)[] asks)
    {
        var sync = new OrderBookSynchronizer(symbol);
        sync.OnSnapshot(100, Levels(bids), Levels(asks));
        sync.OnDiff(new DepthDiffHeader(100, 101, 99, 0), [], []);
        sync.State.Should().Be(BookSyncState.Synced);
        return sync;
    }

    /// <summary>A BTC-like book around 70 000: two bid and two ask levels in range, one of each far outside ±10 %.</summary>
    public static OrderBookSynchronizer Btc() => Synced(
        "BTCUSDT",
        [(69990m, 2m), (69980m, 1m), (62000m, 100m)],
        [(70010m, 1m), (70030m, 3m), (80000m, 50m)]);

    public static void Diff(OrderBookSynchronizer sync, (decimal Price, decimal Qty)[] bids, (decimal Price, decimal Qty)[] asks)
    {
        var u = sync.LastUpdateId;
        sync.OnDiff(new DepthDiffHeader(u + 1, u + 1, u, 0), Levels(bids), Levels(asks)).Should().Be(BookSyncOutcome.Applied);
    }

    public static BookLevel[] Levels((decimal Price, decimal Qty)[] levels) =>
        levels.Select(l => BookLevel.FromDecimal(l.Price, l.Qty)).ToArray();
}
