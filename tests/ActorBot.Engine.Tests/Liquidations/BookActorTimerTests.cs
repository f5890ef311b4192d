using System.Text.Json;
using ActorBot.Data.Heatmaps;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Venues.Binance.Market;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;

namespace ActorBot.Engine.Tests.Liquidations;

/// <summary>
/// /book on virtual time (TestScheduler), the test actor standing for the venue market actor: it asks that actor for its
/// own symbol's snapshot only and refuses another symbol's; the frame timer is keyed to the next 30 s boundary of the
/// feed's clock (a quiet market still gets one frame per boundary), a diff past a boundary takes the book as it stood
/// there first; frames go to the ring file and come back after a restart; a torn last record is cut and counted.
/// </summary>
public sealed class BookActorTimerTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string Symbol = "BTCUSDT";

    // 2024-08-08 21:14:30 UTC is a 30 s boundary.
    private const long Boundary = 1_723_151_670_000;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actorbot-book-" + Guid.NewGuid().ToString("N"));

    private readonly TestProbe _market;

    public BookActorTimerTests()
        : base(TestConfigs.TestSchedulerConfig)
    {
        _market = CreateTestProbe("market");
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact(DisplayName = "/book asks its market for its own symbol, refuses another symbol's snapshot, and takes one frame per 30 s boundary from a keyed timer")]
    public void FramesOnBoundariesFromTheTimer()
    {
        (Boundary % ObFrameOptions.SlotMilliseconds).Should().Be(0);
        var book = StartBook("book-a");
        Sync(book);

        // ETH's snapshot answered to BTC's /book: refused and counted, the book untouched.
        book.Tell(new DepthSnapshotFetched("ETHUSDT", Snapshot(2_000m, 99), null), TestActor);
        Probe(book).GetProperty("otherSymbolSnapshots").GetInt64().Should().Be(1);
        Probe(book).GetProperty("state").GetString().Should().Be("Synced");

        // A diff 5 s before the boundary: the timer is armed for the boundary (+ 250 ms grace), not a period.
        SendDiff(book, 106, 110, 105, Boundary - 5_000, bid: (61_790m, 1m));
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        Frames(book).Should().BeEmpty("the boundary's grace has not passed yet");
        Scheduler.Advance(TimeSpan.FromMilliseconds(300));
        Frames(book).Select(f => f.BoundaryUnixMs).Should().Equal(Boundary);

        // A quiet market: the next boundary still gets its frame.
        Scheduler.Advance(TimeSpan.FromSeconds(30.3));
        Frames(book).Select(f => f.BoundaryUnixMs).Should().Equal(Boundary, Boundary + 30_000);

        // A diff past the next boundary: that frame shows the book before the diff (no 500 BTC bid yet).
        var before = Frames(book)[^1].TotalBidNotional;
        SendDiff(book, 111, 115, 110, Boundary + 65_000, bid: (61_780m, 500m));
        var frames = Frames(book);
        frames.Select(f => f.BoundaryUnixMs).Should().Equal(Boundary, Boundary + 30_000, Boundary + 60_000);
        frames[^1].TotalBidNotional.Should().BeApproximately(before, 1m);
        frames[^1].TsSeconds.Should().Be((Boundary + 30_000) / 1000, "ts is the slot's start");

        // Ring file and stats file, per symbol (written off the actor's thread); a restart serves the same frames.
        AwaitAssert(() => RingFileReader.ReadLast(HeatmapFiles.OrderBookFrames(_dir, Symbol), 4096).Records.Should().HaveCount(3), TimeSpan.FromSeconds(5));
        AwaitAssert(() => File.ReadAllText(HeatmapFiles.Stats(_dir, "ob_recon_stats", Symbol)).Should().Contain("\"symbol\":\"BTCUSDT\"").And.Contain("\"synced\":true"), TimeSpan.FromSeconds(5));
        Stop(book);
        var again = StartBook("book-b");
        Frames(again).Select(f => f.TsSeconds).Should().Equal(frames.Select(f => f.TsSeconds));
        Probe(again).GetProperty("reloadedFrames").GetInt64().Should().Be(3);
    }

    [Fact(DisplayName = "/book cuts a torn last record of its ring file at start, counts it, and appends aligned after it")]
    public void ToleratesATornTail()
    {
        var book = StartBook("book-1");
        Sync(book);
        SendDiff(book, 106, 110, 105, Boundary - 1_000, bid: (61_790m, 1m));
        Scheduler.Advance(TimeSpan.FromSeconds(1.3));
        Frames(book).Should().HaveCount(1);
        Stop(book);

        // A crash in the middle of the next append: 100 bytes of a record.
        var path = HeatmapFiles.OrderBookFrames(_dir, Symbol);
        using (var f = new FileStream(path, FileMode.Append))
        {
            f.Write(new byte[100]);
        }

        var again = StartBook("book-2");
        Frames(again).Should().HaveCount(1);
        Probe(again).GetProperty("tornBytesAtLoad").GetInt64().Should().Be(100);
        Sync(again);
        SendDiff(again, 106, 110, 105, Boundary + 29_000, bid: (61_790m, 1m));
        Scheduler.Advance(TimeSpan.FromSeconds(1.3));
        Frames(again).Select(f => f.BoundaryUnixMs).Should().Equal(Boundary, Boundary + 30_000);
        AwaitAssert(
            () =>
            {
                var contents = RingFileReader.ReadLast(path, 4096);
                contents.Records.Should().HaveCount(2);
                contents.TornBytes.Should().Be(0);
            },
            TimeSpan.FromSeconds(5));
    }

    public new void Dispose()
    {
        base.Dispose();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    private IActorRef StartBook(string name)
    {
        var settings = new BookSettings(new Dictionary<string, decimal> { ["BTC"] = 20m }, "100ms", 1000, 10, _dir);
        var book = Sys.ActorOf(Props.Create(() => new BookActor(Symbol, settings.FramesFor(Symbol)!, settings)), name);
        Probe(book); // PreStart (the reload) has run before the clock moves.
        return book;
    }

    // The first diff asks the market (the test actor) for BTCUSDT's snapshot; the snapshot bridges it.
    private void Sync(IActorRef book)
    {
        SendDiff(book, 100, 105, 99, Boundary - 20_000, bid: (61_800m, 2m));
        _market.ExpectMsg<DepthSnapshotRequested>().Should().Be(new DepthSnapshotRequested(Symbol, 1000));
        book.Tell(new DepthSnapshotFetched(Symbol, Snapshot(61_800m, 103), null), _market);
        Probe(book).GetProperty("state").GetString().Should().Be("Synced");
    }

    private void SendDiff(IActorRef book, long first, long final, long previous, long eventMs, (decimal Price, decimal Qty) bid)
    {
        book.Tell(new DepthDiffReceived("binance-usdm", Symbol, new DepthDiffHeader(first, final, previous, eventMs), [BookLevel.FromDecimal(bid.Price, bid.Qty)], [], _market));
        Probe(book);
    }

    private static DepthSnapshot Snapshot(decimal mid, long lastUpdateId) => new(
        lastUpdateId,
        0,
        0,
        Enumerable.Range(1, 50).Select(i => BookLevel.FromDecimal(mid - (i * 10m), 1m + i)).ToArray(),
        Enumerable.Range(1, 50).Select(i => BookLevel.FromDecimal(mid + (i * 10m), 1m + i)).ToArray());

    private List<ObFrame> Frames(IActorRef book)
    {
        book.Tell(new GetBookFrames(Symbol, 100), TestActor);
        return ExpectMsg<BookFrames>().Frames.ToList();
    }

    private JsonElement Probe(IActorRef book)
    {
        book.Tell(ProbeState.Instance, TestActor);
        return JsonDocument.Parse(JsonSerializer.Serialize(ExpectMsg<ActorProbe>().Summary)).RootElement;
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }
}
