using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Recordings;

namespace ActorBot.Venues.Tests.OrderBook;

/// <summary>The book synchroniser over real recordings (Data/SOURCES.md).</summary>
public sealed class BookReplayRecordingTests
{
    [Fact(DisplayName = "The two consecutive BTCUSDT days rebuild as one stream with 0 gaps and end at the last recorded u")]
    public void ConsecutiveDaysAreClean()
    {
        var result = Replay("BTCUSDT", RecordingReader.Read(TestData.BtcDay1).Concat(RecordingReader.Read(TestData.BtcDay2)));

        result.Counters.Gaps.Should().Be(0);
        result.Counters.Resyncs.Should().Be(0);
        result.Counters.Applied.Should().Be(16_110);
        result.LastUpdateId.Should().Be(2_710_266_851_462);
        result.DecodeErrors.Should().Be(0);
        result.Bids[0].Price.Should().BeLessThan(result.Asks[0].Price, "a synced book is never crossed");
        result.Bids[0].PriceDecimal.Should().BeInRange(28_000m, 28_800m, "BTC traded ~28.1–28.7k on 2023-04-05");
    }

    [Fact(DisplayName = "Dropping one depth line from a clean recording forces exactly one resync")]
    public void InjectedGapForcesOneResync()
    {
        var depthLinesSeen = 0;
        var lines = RecordingReader.Read(TestData.BtcDay1).Where(line =>
        {
            if (line.Kind == RecordedLineKind.Frame && line.Json.Span.IndexOf("depthUpdate"u8) >= 0)
            {
                depthLinesSeen++;
                return depthLinesSeen != 2000;
            }

            return true;
        });

        var replayer = new BookReplayer("BTCUSDT", new DecodeErrorCounter());
        foreach (var line in lines)
        {
            replayer.Feed(line);
        }

        var counters = replayer.Synchronizer.Counters;
        counters.Gaps.Should().Be(1);
        counters.Resyncs.Should().Be(1);
        counters.Applied.Should().Be(1999, "the 1,999 diffs before the removed line apply; after the break nothing can bridge without a new snapshot");
        replayer.Synchronizer.State.Should().Be(BookSyncState.AwaitingSnapshot);
    }

    [Fact(DisplayName = "Cryptofeed's http and ws files give the same book in either order, with 0 gaps for all four symbols")]
    public void CryptofeedEitherOrder()
    {
        foreach (var symbol in new[] { "SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT" })
        {
            var httpFirst = Replay(symbol, RecordingReader.Read(TestData.CryptofeedHttp).Concat(RecordingReader.Read(TestData.CryptofeedWs)));
            var wsFirst = Replay(symbol, RecordingReader.Read(TestData.CryptofeedWs).Concat(RecordingReader.Read(TestData.CryptofeedHttp)));

            httpFirst.Counters.Gaps.Should().Be(0, symbol);
            httpFirst.Counters.Applied.Should().BeGreaterThan(100, symbol);
            httpFirst.SnapshotsSeen.Should().Be(1, symbol);
            wsFirst.LastUpdateId.Should().Be(httpFirst.LastUpdateId, symbol);
            wsFirst.Bids.Should().Equal(httpFirst.Bids, symbol);
            wsFirst.Asks.Should().Equal(httpFirst.Asks, symbol);
        }
    }

    [Fact(DisplayName = "The second day alone holds no snapshot, so nothing is applied and nothing throws")]
    public void NoSnapshot()
    {
        var replayer = new BookReplayer("BTCUSDT", new DecodeErrorCounter());
        foreach (var line in RecordingReader.Read(TestData.BtcDay2))
        {
            replayer.Feed(line);
        }

        replayer.SnapshotsSeen.Should().Be(0);
        replayer.Synchronizer.Counters.Applied.Should().Be(0);
        replayer.Synchronizer.BufferedCount.Should().BeGreaterThan(0);
    }

    [Fact(DisplayName = "Recording lines of every known format are classified; unknown lines are flagged, not fatal")]
    public void ParsesLineFormats()
    {
        RecordingReader.Parse("f", 1, "1680652700423575 {\"a\":1}").Kind.Should().Be(RecordedLineKind.Frame);
        RecordingReader.Parse("f", 1, "1626992741.06217: {\"a\":1}").LocalTimestamp.Should().Be("1626992741.06217");
        var rest = RecordingReader.Parse("f", 1, "https://fapi.binance.com/fapi/v1/depth?symbol=SUSHIUSDT&limit=1000 -> 1626992741.301402: {\"lastUpdateId\":1}");
        rest.Kind.Should().Be(RecordedLineKind.RestResponse);
        rest.Url.Should().Be("https://fapi.binance.com/fapi/v1/depth?symbol=SUSHIUSDT&limit=1000");
        RecordingReader.Parse("f", 1, "wss://fstream.binance.com/stream?streams=a <-> 1626992740.179554").Kind.Should().Be(RecordedLineKind.Header);
        RecordingReader.Parse("f", 1, "garbage line").Kind.Should().Be(RecordedLineKind.Unrecognized);
        RecordingReader.Parse("f", 1, "abc {\"a\":1}").Kind.Should().Be(RecordedLineKind.Unrecognized);
    }

    private static BookReplayResult Replay(string symbol, IEnumerable<RecordedLine> lines)
    {
        var replayer = new BookReplayer(symbol, new DecodeErrorCounter());
        foreach (var line in lines)
        {
            replayer.Feed(line);
        }

        return replayer.Result(10);
    }
}
