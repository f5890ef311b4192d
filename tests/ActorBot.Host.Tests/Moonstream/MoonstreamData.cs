using System.IO.Compression;
using System.Text.Json;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Heatmap;
using ActorBot.Domain.Liquidations.Inference;
using ActorBot.Domain.Liquidations.Zones;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Engine.Liquidations;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Recordings;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>
/// The recorded moonstream bodies (Data/moonstream, SOURCES.md) and real engine outputs built to match them: a V2
/// snapshot from the real heatmap engine on the recorded src and step, the recorded zones through the real importer
/// and zone book, order-book frames from the real recorded BTCUSDT book snapshot through the real synchroniser.
/// </summary>
internal static class MoonstreamData
{
    public static readonly string[] Bases = ["BTC", "ETH", "SOL"];

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "moonstream", name);

    /// <summary>A recorded body as text (gunzipped when stored gzipped).</summary>
    public static string Text(string name)
    {
        if (File.Exists(Path(name)))
        {
            return File.ReadAllText(Path(name));
        }

        using var gz = new GZipStream(File.OpenRead(Path(name + ".gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }

    public static JsonElement Json(string name) => JsonDocument.Parse(Text(name)).RootElement.Clone();

    public static decimal Step(string baseAsset) => (decimal)Json($"liq_api_snapshot_v2_{baseAsset}.json").GetProperty("step").GetDouble();

    /// <summary>The real V2 engine's snapshot centred on <paramref name="src"/>, with tape on both sides of it.</summary>
    public static HeatmapV2Snapshot V2(string baseAsset, double src, double step, double ts)
    {
        var grid = new BucketGrid((decimal)step);
        var srcTick = (long)Math.Round(src / step);
        var longs = new Dictionary<long, double> { [srcTick - 50] = 2_000_000, [srcTick - 49] = 900_000, [srcTick - 48] = 300_000, [srcTick - 150] = 400_000 };
        var shorts = new Dictionary<long, double> { [srcTick + 40] = 1_500_000, [srcTick + 41] = 700_000 };
        var inference = new EntryInference(baseAsset, grid, LeverageLadders.ForBase(baseAsset));
        return new LiquidationHeatmapV2(baseAsset, grid).Snapshot(new HeatmapV2Input(ts, src, new SourceMaps(longs, shorts), inference, TapeWireStats.Empty(baseAsset), 4, ZoneManagerWireStats.Empty));
    }

    /// <summary>The recorded zones of a symbol in a real zone book, as /zones answers them.</summary>
    public static ZonesState Zones(string baseAsset, string symbol)
    {
        var grid = new BucketGrid(Step(baseAsset));
        var import = LegacyZoneFile.Import(Text($"liq_active_zones_{baseAsset}.json"), baseAsset, grid);
        import.Snapshot.Should().NotBeNull(import.ErrorDetail);
        var book = new ZoneBook(baseAsset, grid, LeverageLadders.ForBase(baseAsset));
        var savedMs = (long)(Json($"liq_active_zones_{baseAsset}.json").GetProperty("saved_at").GetDouble() * 1000);
        book.Load(import.Snapshot!, savedMs);
        return new ZonesState(symbol, book.GetActiveZones(), book.GetSummary(), book.LastMinuteMs);
    }

    /// <summary>
    /// <paramref name="count"/> 30 s frames of the real BTCUSDT book (2023-04-04, the recording's first depth snapshot,
    /// made Synced through the real synchroniser), slots ending at <paramref name="lastBoundaryMs"/>, oldest first.
    /// </summary>
    public static IReadOnlyList<ObFrame> BookFrames(int count, long lastBoundaryMs, decimal step = 20m)
    {
        var file = System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "hftbacktest", "btcusdt_20230404.dat.gz");
        var line = RecordingReader.Read(file).First(l => MarketFramePeek.EventType(l.Json.Span, out _) == MarketEventType.DepthSnapshot);
        new DepthSnapshotDecoder(new DecodeErrorCounter()).TryDecode(line.Json.Span, out DepthSnapshot? snapshot, out _).Should().BeTrue();
        var sync = new OrderBookSynchronizer("BTCUSDT");
        sync.OnSnapshot(snapshot!.LastUpdateId, snapshot.Bids, snapshot.Asks);
        var u = snapshot.LastUpdateId;
        sync.OnDiff(new DepthDiffHeader(u, u + 1, u - 1, 0), [], []);
        sync.State.Should().Be(BookSyncState.Synced);
        var mid = (sync.Book.Bids.Best!.Value.PriceDecimal + sync.Book.Asks.Best!.Value.PriceDecimal) / 2;
        var options = new ObFrameOptions("BTCUSDT", step);
        return [.. Enumerable.Range(0, count).Select(i => ObFrameBuilder.Build(options, sync.Book, mid, lastBoundaryMs - ((count - 1 - i) * 30_000L), sync.LastUpdateId))];
    }
}
