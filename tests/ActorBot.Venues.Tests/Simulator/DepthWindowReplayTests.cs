using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Simulator.Replay;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary>
/// The bundled real BTCUSDT book window (data/binance/depth) replayed as another symbol's book: prices re-based once to
/// the replayed trades, diffs merged per 10 s, and the window looped as one gap-free stream that a strict Binance
/// synchroniser follows pass after pass from a single snapshot, with an uncrossed book around the replayed price.
/// </summary>
public sealed class DepthWindowReplayTests
{
    private const long Start = 1_778_198_400_000; // 2026-05-08 00:00 UTC, the bundled aggTrades day

    [Fact(DisplayName = "The book window re-bases to the replayed price and loops as one chained stream a strict synchroniser follows from one snapshot")]
    public void LoopsAsOneChainedStream()
    {
        var window = DepthWindowReplay.Load(new DepthWindowSource("BTCUSD_PERP", Data()), new DecodeErrorCounter());
        window.DiffsPerPass.Should().BeInRange(12, 14, "125 s of diffs merged per 10 s");

        var sync = new OrderBookSynchronizer("BTCUSD_PERP");
        var applied = 0;
        var crossed = 0;
        // Four passes and a bit of replayed trades at 80,000, one a second.
        for (var t = Start; t < Start + (4 * 126_000) + 30_000; t += 1_000)
        {
            foreach (var release in window.Due(t, 80_000m))
            {
                if (release.Snapshot is { } snapshot)
                {
                    sync.OnSnapshot(snapshot.LastUpdateId, snapshot.Bids, snapshot.Asks).Should().Be(BookSyncOutcome.AwaitingBridge);
                    continue;
                }

                release.Header.EventTimeMs.Should().BeLessThanOrEqualTo(t);
                sync.OnDiff(release.Header, release.Bids, release.Asks).Should().Be(BookSyncOutcome.Applied);
                applied++;
                crossed += sync.Book.IsCrossed ? 1 : 0;
            }
        }

        window.Passes.Should().Be(4);
        sync.Counters.Resyncs.Should().Be(0);
        sync.Counters.Snapshots.Should().Be(1, "the passes continue the ids: no second snapshot is ever needed");
        applied.Should().Be((int)window.Published);
        crossed.Should().Be(0, "each pass starts from the snapshot's book again");
        var mid = (sync.Book.Bids.Best!.Value.PriceDecimal + sync.Book.Asks.Best!.Value.PriceDecimal) / 2;
        mid.Should().BeInRange(79_000m, 81_000m, "prices are re-based to the replayed trades");
        (sync.Book.Bids.Best!.Value.Price % Fixed8.Scale % 10_000_000).Should().Be(0, "re-based prices sit on the 0.1 tick");
    }

    [Fact(DisplayName = "Trades a day ahead move the window's clock by whole passes instead of publishing every pass in between")]
    public void FarAheadTradesSkipWholePasses()
    {
        var window = DepthWindowReplay.Load(new DepthWindowSource("BTCUSD_PERP", Data()), new DecodeErrorCounter());
        window.Due(Start, 80_000m).ToList();
        var later = window.Due(Start + 86_400_000, 80_000m).ToList();
        later.Count.Should().BeLessThan(3 * window.DiffsPerPass);
    }

    private static string Data()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorBot.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("ActorBot.sln not found"), "data", "binance", "depth", "btcusdt_20240808_depth_125s.gz");
    }
}
