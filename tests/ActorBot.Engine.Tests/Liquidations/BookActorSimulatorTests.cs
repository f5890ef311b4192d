using System.Text.Json;
using ActorBot.Data.Heatmaps;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Tests.Replay;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.TestKit;

namespace ActorBot.Engine.Tests.Liquidations;

/// <summary>
/// /book end to end on the real venue simulator over loopback: the market actor subscribes the recorded depth streams on
/// the /public base and fetches each /book's own snapshot on the venue's REST client; the recorded BTCUSDT and ETHUSDT
/// books of 2024-08-08 (125 s each, data/binance/depth) replayed at 40× sync, take a frame on each 30 s boundary of
/// their data, write their ring files, and a dropped stretch of diffs is a counted resync.
/// </summary>
public sealed class BookActorSimulatorTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);
    private readonly HttpClient _http = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actorbot-booksim-" + Guid.NewGuid().ToString("N"));
    private SimulatorHost? _sim;

    // The recorded slices' data clock: 2024-08-08 23:54:16 .. 23:56:20 UTC, boundaries at :30, :00 (x2), :30.
    private static readonly long[] Boundaries = [1_723_161_270_000, 1_723_161_300_000, 1_723_161_330_000, 1_723_161_360_000];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    [Fact(DisplayName = "Recorded BTCUSDT depth via the simulator: /book syncs on its own snapshot, takes frames on the 30 s boundaries, writes its ring file")]
    public async Task SyncsAndTakesFramesOnBoundaries()
    {
        var (books, market) = await Start(["BTCUSDT"], "btcusdt");
        var book = books["BTCUSDT"];
        await _sim!.ReplayCompletion.WaitAsync(Deadline);

        AwaitAssert(() => Frames(book, "BTCUSDT").Select(f => f.BoundaryUnixMs).Should().Contain(Boundaries[1..]), Deadline);
        var frames = Frames(book, "BTCUSDT");
        frames.Select(f => f.BoundaryUnixMs).Should().BeSubsetOf(Boundaries).And.BeInAscendingOrder();
        frames.Should().OnlyContain(f => f.Src > 55_000m && f.Src < 65_000m && f.TotalBidNotional > 0 && f.TotalAskNotional > 0, "BTC's own book, both sides");

        var stats = Stats(book, "BTCUSDT");
        stats.Reconstructor!.Value.Snapshots.Should().BeGreaterThan(0);
        stats.Reconstructor.Value.Applied.Should().BeGreaterThan(1_000, "the recorded diffs were applied in sequence");
        stats.FramesHeld.Should().Be(frames.Count);
        AwaitAssert(() => Stats(book, "BTCUSDT").Buffer!.Value.RecordsOnDisk.Should().Be(frames.Count), Deadline);
        RingFileReader.ReadLast(HeatmapFiles.OrderBookFrames(_dir, "BTCUSDT"), 4096).Records.Should().HaveCount(frames.Count);

        var probe = ProbeOf(market);
        probe.GetProperty("depthSnapshots").GetInt64().Should().BeGreaterThan(0);
        _sim.RetiredRootConnects.Should().Be(0, "depth rides the routed /public base");
    }

    [Fact(DisplayName = "Two symbols on one venue: each /book gets its own symbol's snapshot and frames around its own price (never another symbol's book)")]
    public async Task EachBookHasItsOwnSymbol()
    {
        var (books, _) = await Start(["BTCUSDT", "ETHUSDT"], "btcusdt", "ethusdt");
        await _sim!.ReplayCompletion.WaitAsync(Deadline);
        AwaitAssert(() => Frames(books["BTCUSDT"], "BTCUSDT").Should().HaveCountGreaterThanOrEqualTo(3), Deadline);
        AwaitAssert(() => Frames(books["ETHUSDT"], "ETHUSDT").Should().HaveCountGreaterThanOrEqualTo(3), Deadline);

        Frames(books["BTCUSDT"], "BTCUSDT").Should().OnlyContain(f => f.Symbol == "BTCUSDT" && f.Src > 55_000m && f.Src < 65_000m);
        Frames(books["ETHUSDT"], "ETHUSDT").Should().OnlyContain(f => f.Symbol == "ETHUSDT" && f.Src > 2_000m && f.Src < 3_500m && f.Step == 1m);
        foreach (var (symbol, book) in books)
        {
            var probe = ProbeOf(book);
            probe.GetProperty("otherSymbolSnapshots").GetInt64().Should().Be(0);
            probe.GetProperty("otherSymbolDiffs").GetInt64().Should().Be(0);
            var bid = probe.GetProperty("bestBid").GetDecimal();
            (symbol == "BTCUSDT" ? bid > 55_000m : bid is > 2_000m and < 3_500m).Should().BeTrue($"{symbol}'s best bid {bid} is its own");
        }

        AwaitAssert(() => File.Exists(HeatmapFiles.Stats(_dir, "ob_recon_stats", "ETHUSDT")).Should().BeTrue(), Deadline);
        File.Exists(HeatmapFiles.OrderBookFrames(_dir, "ETHUSDT")).Should().BeTrue();
    }

    [Fact(DisplayName = "Diffs lost on the socket: the next diff's pu breaks the sequence, /book counts a resync, fetches a new snapshot and syncs again")]
    public async Task AGapIsACountedResync()
    {
        var (books, _) = await Start(["BTCUSDT"], "btcusdt");
        var book = books["BTCUSDT"];
        var sim = _sim!;
        AwaitAssert(() => ProbeOf(book).GetProperty("state").GetString().Should().Be("Synced"), Deadline, TimeSpan.FromMilliseconds(10));
        var resyncsBefore = Stats(book, "BTCUSDT").Reconstructor!.Value.Resyncs;

        // The socket stays open but frames are dropped for a while (sim fault), as on a lossy link.
        var published = sim.Replayer.FramesReplayed;
        sim.Faults.WsStall = true;
        await Until(() => sim.Replayer.FramesReplayed >= published + 20);
        sim.Faults.WsStall = false;

        AwaitAssert(() => Stats(book, "BTCUSDT").Reconstructor!.Value.Resyncs.Should().BeGreaterThan(resyncsBefore), Deadline, TimeSpan.FromMilliseconds(10));
        AwaitAssert(
            () =>
            {
                var s = Stats(book, "BTCUSDT").Reconstructor!.Value;
                s.Snapshots.Should().BeGreaterThanOrEqualTo(2);
                ProbeOf(book).GetProperty("state").GetString().Should().Be("Synced");
            },
            Deadline,
            TimeSpan.FromMilliseconds(10));
    }

    private async Task<(Dictionary<string, IActorRef> Books, IActorRef Market)> Start(string[] symbols, params string[] slices)
    {
        var root = ReplayFixture.RepoRoot();
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            Speed = 40,
            AutoStartReplay = false,
            DataFiles = slices.Select(s => Path.Combine(root, "data/binance/depth", $"{s}_20240808_depth_125s.gz")).ToList(),
        });
        var book = new BookSettings(new Dictionary<string, decimal> { ["BTC"] = 20m, ["ETH"] = 1m }, "0ms", 1000, 1440, _dir)
        {
            SnapshotRetry = TimeSpan.FromMilliseconds(100),
        };
        var settings = new VenueSettings(
            "binance-usdm", _sim.RestUri, _sim.WsUri, symbols,
            ConnectTimeout: TimeSpan.FromSeconds(2),
            StreamStallTimeout: TimeSpan.FromSeconds(30),
            DisabledGrace: TimeSpan.FromSeconds(1),
            ReconnectMaxDelay: TimeSpan.FromMilliseconds(200))
        {
            Book = book,
        };
        var books = symbols.ToDictionary(s => s, s => Sys.ActorOf(Props.Create(() => new BookActor(s, book.FramesFor(s)!, book)), "book-" + s));

        // The bot: hands each symbol's book message to that symbol's /book, as /user/bot/{symbol} does.
        var bot = CreateTestProbe("bot");
        bot.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is IBookMessage m && books.TryGetValue(m.Symbol, out var target))
            {
                target.Tell(message, sender);
            }

            return AutoPilot.KeepRunning;
        }));
        var errors = new DecodeErrorCounter();
        var rest = new BinanceRestClient(_http, settings.RestOptions(), null, errors);
        var health = CreateTestProbe("health");
        var market = Sys.ActorOf(Props.Create(() => new MarketDataActor(settings, rest, errors, bot.Ref, health.Ref, null)), "market");
        await Until(() => symbols.All(s => _sim.Streams.AnySubscribed(s.ToLowerInvariant() + "@depth@0ms")));
        _sim.StartReplay();
        return (books, market);
    }

    private List<ObFrame> Frames(IActorRef book, string symbol)
    {
        book.Tell(new GetBookFrames(symbol, 100), TestActor);
        return ExpectMsg<BookFrames>().Frames.ToList();
    }

    private BookStats Stats(IActorRef book, string symbol)
    {
        book.Tell(new GetBookStats(symbol), TestActor);
        return ExpectMsg<BookStats>();
    }

    private JsonElement ProbeOf(IActorRef actor)
    {
        actor.Tell(ProbeState.Instance, TestActor);
        return JsonDocument.Parse(JsonSerializer.Serialize(ExpectMsg<ActorProbe>().Summary)).RootElement;
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0}", Deadline);
            await Task.Delay(10);
        }
    }
}
