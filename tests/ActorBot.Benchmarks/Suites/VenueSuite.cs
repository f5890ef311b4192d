using System.Diagnostics;
using System.Text.Json;
using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Recordings;

namespace ActorBot.Benchmarks.Suites;

/// <summary>
/// <c>venue</c>: aggTrade and depthUpdate decode rate next to a Utf8JsonReader pass that only reads tokens
/// (goal ≥ 0.5×, 0 B/frame), and order-book level updates applied per second next to a
/// SortedDictionary&lt;decimal, decimal&gt; book (goal ≥ 5M/s). Input: the real recordings under
/// tests/ActorBot.Venues.Tests/Data (cryptofeed aggTrades, hftbacktest BTCUSDT depth@0ms).
/// </summary>
public sealed class VenueSuite : IBenchmarkSuite
{
    private const int Iterations = 7;

    public string Name => "venue";

    public int Run(string[] args)
    {
        var data = FindDataFolder();
        if (data is null)
        {
            Console.Error.WriteLine("venue: cannot find tests/ActorBot.Venues.Tests/Data above the working directory.");
            return 2;
        }

        var cryptofeed = Path.Combine(data, "cryptofeed", "BINANCE_FUTURES.ws.1.0.gz");
        var day1 = Path.Combine(data, "hftbacktest", "btcusdt_20230404.dat.gz");
        var day2 = Path.Combine(data, "hftbacktest", "btcusdt_20230405.dat.gz");

        var aggFrames = Frames([cryptofeed], MarketEventType.AggTrade);
        var depthFrames = Frames([day1, day2], MarketEventType.DepthUpdate);
        Console.WriteLine($"venue: {aggFrames.Length} aggTrade frames (cryptofeed), {depthFrames.Length} depthUpdate frames (hftbacktest BTCUSDT)");

        var errors = new DecodeErrorCounter();
        var aggDecoder = new AggTradeDecoder(errors);
        var aggRepeat = Math.Max(1, 200_000 / aggFrames.Length);
        var aggBaseline = Measure("aggTrade token pass (baseline)", aggFrames, aggRepeat, TokenPass);
        var aggSubject = Measure("aggTrade decode", aggFrames, aggRepeat, f => aggDecoder.TryDecode(f, out var t, out _) ? (int)t.AggregateTradeId : -1);
        Report("aggTrade", aggSubject, aggBaseline, 0.5);

        var depthDecoder = new DepthUpdateDecoder(errors);
        var frame = new DepthUpdateFrame();
        var depthRepeat = Math.Max(1, 40_000 / depthFrames.Length);
        var depthBaseline = Measure("depthUpdate token pass (baseline)", depthFrames, depthRepeat, TokenPass);
        var depthSubject = Measure("depthUpdate decode", depthFrames, depthRepeat, f => depthDecoder.TryDecode(f, frame, out _) ? frame.BidCount : -1);
        Report("depthUpdate", depthSubject, depthBaseline, 0.5);

        if (errors.Total > 0)
        {
            Console.Error.WriteLine($"venue: {errors.Total} decode errors during the run — results invalid.");
            return 1;
        }

        BenchmarkBook(Path.Combine(data, "hftbacktest", "btcusdt_20230404.dat.gz"), depthFrames, errors);
        return 0;
    }

    private static void BenchmarkBook(string snapshotFile, byte[][] depthFrames, DecodeErrorCounter errors)
    {
        var snapshotLine = RecordingReader.Read(snapshotFile).First(l => MarketFramePeek.EventType(l.Json.Span, out _) == MarketEventType.DepthSnapshot);
        new DepthSnapshotDecoder(errors).TryDecode(snapshotLine.Json.Span, out var snapshot, out _);
        var decoder = new DepthUpdateDecoder(errors);
        var frame = new DepthUpdateFrame();
        var diffs = new List<(DepthDiffHeader Header, BookLevel[] Bids, BookLevel[] Asks)>(depthFrames.Length);
        foreach (var f in depthFrames)
        {
            decoder.TryDecode(f, frame, out _);
            diffs.Add((frame.Header, frame.Bids.ToArray(), frame.Asks.ToArray()));
        }

        var levels = diffs.Sum(d => (long)d.Bids.Length + d.Asks.Length);
        const int repeat = 10;

        // Baseline: the obvious book, SortedDictionary<decimal, decimal> per side, same updates.
        var baseline = Time(repeat, () =>
        {
            var bids = new SortedDictionary<decimal, decimal>();
            var asks = new SortedDictionary<decimal, decimal>();
            foreach (var l in snapshot!.Bids)
            {
                bids[l.PriceDecimal] = l.QuantityDecimal;
            }

            foreach (var l in snapshot.Asks)
            {
                asks[l.PriceDecimal] = l.QuantityDecimal;
            }

            foreach (var (_, b, a) in diffs)
            {
                ApplyDictionary(bids, b);
                ApplyDictionary(asks, a);
            }

            return bids.Count + asks.Count;
        });

        long gaps = 0;
        var subject = Time(repeat, () =>
        {
            var sync = new OrderBookSynchronizer("BTCUSDT");
            sync.OnSnapshot(snapshot!.LastUpdateId, snapshot.Bids, snapshot.Asks);
            foreach (var (h, b, a) in diffs)
            {
                sync.OnDiff(h, b, a);
            }

            gaps += sync.Counters.Gaps;
            return (int)sync.Counters.Applied;
        });

        var baselineRate = levels * repeat / baseline.TotalSeconds;
        var subjectRate = levels * repeat / subject.TotalSeconds;
        Console.WriteLine($"book baseline SortedDictionary<decimal,decimal>: {baselineRate / 1e6:F2} M level updates/s");
        Console.WriteLine($"book OrderBookSynchronizer (sequence-checked):  {subjectRate / 1e6:F2} M level updates/s  ({levels:N0} levels × {repeat}, gaps {gaps})");
        Console.WriteLine($"book ratio subject/baseline: {subjectRate / baselineRate:F2}×   goal ≥ 5 M/s: {(subjectRate >= 5e6 ? "MET" : "NOT MET")}");
    }

    private static void ApplyDictionary(SortedDictionary<decimal, decimal> side, BookLevel[] levels)
    {
        foreach (var l in levels)
        {
            if (l.Quantity == 0)
            {
                side.Remove(l.PriceDecimal);
            }
            else
            {
                side[l.PriceDecimal] = l.QuantityDecimal;
            }
        }
    }

    private static int TokenPass(byte[] frame)
    {
        var reader = new Utf8JsonReader(frame);
        var n = 0;
        while (reader.Read())
        {
            n++;
        }

        return n;
    }

    private sealed record Result(double FramesPerSecond, double BytesPerFrame, double MegabytesPerSecond);

    private static Result Measure(string name, byte[][] frames, int repeat, Func<byte[], int> body)
    {
        var totalBytes = frames.Sum(f => (long)f.Length) * repeat;
        var sink = 0;
        for (var w = 0; w < 3; w++)
        {
            foreach (var f in frames)
            {
                sink += body(f);
            }
        }

        var best = TimeSpan.MaxValue;
        long allocated = 0;
        for (var i = 0; i < Iterations; i++)
        {
            // Stopwatch.GetTimestamp, not StartNew: the measured window must not allocate itself.
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var r = 0; r < repeat; r++)
            {
                foreach (var f in frames)
                {
                    sink += body(f);
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = elapsed < best ? elapsed : best;
        }

        var count = (double)frames.Length * repeat;
        var result = new Result(count / best.TotalSeconds, allocated / count, totalBytes / best.TotalSeconds / 1e6);
        Console.WriteLine($"{name,-36} {result.FramesPerSecond / 1e6,7:F3} M frames/s  {result.MegabytesPerSecond,8:F1} MB/s  {result.BytesPerFrame,6:F3} B/frame  (best of {Iterations}, sink {sink & 1})");
        return result;
    }

    private static void Report(string what, Result subject, Result baseline, double goal)
    {
        var ratio = subject.FramesPerSecond / baseline.FramesPerSecond;
        var met = ratio >= goal && subject.BytesPerFrame == 0;
        Console.WriteLine($"{what} ratio decode/token-pass: {ratio:F2}×   goal ≥ {goal}× and 0 B/frame: {(met ? "MET" : "NOT MET")}");
    }

    private static TimeSpan Time(int repeat, Func<int> body)
    {
        body();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            for (var r = 0; r < repeat; r++)
            {
                body();
            }

            sw.Stop();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }

        return best;
    }

    private static byte[][] Frames(string[] files, MarketEventType type) =>
        files.SelectMany(RecordingReader.Read)
            .Where(l => l.Kind == RecordedLineKind.Frame && MarketFramePeek.EventType(l.Json.Span, out _) == type)
            .Select(l => l.Json.ToArray())
            .ToArray();

    private static string? FindDataFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ActorBot.Venues.Tests", "Data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
