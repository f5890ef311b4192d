using System.Diagnostics;
using System.Globalization;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Domain.Liquidations.Heatmap;
using ActorBot.Domain.Liquidations.Inference;
using ActorBot.Domain.Liquidations.Tape;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Recordings;
using ActorBot.Venues.Simulator.Replay;

namespace ActorBot.Benchmarks.Suites.Liquidations;

/// <summary>
/// <c>liquidations</c>: the per-symbol engines' periodic work on recorded data, each next to a plain pass over the same
/// inputs in the same run (the ratio is the figure): one 30 s book frame from the recorded 1000-level BTCUSDT snapshot
/// (vs a pass summing price·qty of the same levels), one 15-minute calibration window over recorded minutes (vs a pass
/// over the same predicted maps and events), one V2 heatmap snapshot (vs a pass over the same tape and projection maps).
/// The minutes are the bundled BTCUSD_PERP day's trades with the bundled real liquidation tape moved onto them and the
/// simulator's synthetic open interest, run through the same Domain engines as /liquidations.
/// </summary>
public sealed class LiquidationSuite : IBenchmarkSuite
{
    private const string Symbol = "BTCUSD_PERP";
    private const int Minutes = 240;

    public string Name => "liquidations";

    public int Run(string[] args)
    {
        var root = RepoRoot.Find();
        BookFrame(Path.Combine(root, "data/binance/depth/btcusdt_20240808_depth_125s.gz"));
        var recorded = Record(root);
        Calibration(recorded);
        Heatmap(recorded);
        return 0;
    }

    private static void BookFrame(string path)
    {
        var errors = new DecodeErrorCounter();
        var decoder = new DepthSnapshotDecoder(errors);
        DepthSnapshot? snapshot = null;
        foreach (var line in RecordingReader.Read(path))
        {
            if (MarketFramePeek.EventType(line.Json.Span, out _) == MarketEventType.DepthSnapshot && decoder.TryDecode(line.Json.Span, out snapshot, out _))
            {
                break;
            }
        }

        var sync = new OrderBookSynchronizer("BTCUSDT");
        sync.OnSnapshot(snapshot!.LastUpdateId, snapshot.Bids, snapshot.Asks);
        sync.OnDiff(new DepthDiffHeader(snapshot.LastUpdateId, snapshot.LastUpdateId, 0, 0), [], []); // bridges: synced
        var options = new ObFrameOptions("BTCUSDT", 20m);
        var src = (Fixed8.ToDecimal(sync.Book.Bids.Best!.Value.Price) + Fixed8.ToDecimal(sync.Book.Asks.Best!.Value.Price)) / 2;
        var levels = snapshot.Bids.Concat(snapshot.Asks).ToArray();
        Console.WriteLine();
        Console.WriteLine($"liquidations: book frame from {snapshot.Bids.Length} bid + {snapshot.Asks.Length} ask levels (recorded BTCUSDT 2024-08-08), step 20, ±10 % of {src}");
        var boundary = 1_723_161_270_000L;
        var frame = Measure("30 s book frame (ObFrameBuilder)", 2_000, () => ObFrameBuilder.Build(options, sync.Book, src, boundary, sync.LastUpdateId).PriceCount);
        var plain = Measure("baseline: pass summing price*qty of the same levels", 2_000, () =>
        {
            var total = 0m;
            foreach (var l in levels)
            {
                total += Fixed8.ToDecimal(l.Price) * Fixed8.ToDecimal(l.Quantity);
            }

            return (int)(total % 7);
        });
        Ratio("book frame", frame, plain);
    }

    private static void Calibration(Recorded r)
    {
        var options = new CalibratorOptions();
        var window = options.WindowMinutes;
        var ladder = LeverageLadders.ForBase("BTC");
        var grid = new BucketGrid(20m);
        Console.WriteLine();
        Console.WriteLine($"liquidations: calibration window of {window} recorded minutes ({r.Minutes.Count} minutes, {r.Events.Count} liquidations recorded)");

        // One window: the calibrator is primed with two windows of the minutes before it (so its next calibration falls on the
        // window's last minute), then timed over the window's minutes and events.
        var start = r.Minutes.Count - window;
        var windowMinutes = r.Minutes.Skip(start).ToList();
        var firstMs = windowMinutes[0].MinuteMs;
        var windowEvents = r.Events.Where(e => e.MinuteMs >= firstMs).ToList();
        LiquidationCalibrator Primed()
        {
            var c = new LiquidationCalibrator(Symbol, grid, ladder, options);
            foreach (var m in r.Minutes.Take(start).TakeLast(2 * window))
            {
                c.OnMinuteSnapshot(m);
            }

            return c;
        }

        var check = Primed();
        var calibrated = 0;
        void Window(LiquidationCalibrator c) => Run(c);
        var subject = MeasureWithSetup("one calibration window (LiquidationCalibrator)", 200, Primed, Window);
        Window(check);
        void Run(LiquidationCalibrator c)
        {
            var next = 0;
            foreach (var m in windowMinutes)
            {
                while (next < windowEvents.Count && windowEvents[next].MinuteMs <= m.MinuteMs)
                {
                    c.OnLiquidation(windowEvents[next++]);
                }

                if (c.OnMinuteSnapshot(m) is not null && ReferenceEquals(c, check))
                {
                    calibrated++;
                }
            }
        }

        var plain = Measure("baseline: pass over the same maps and events", 200, () =>
        {
            var total = 0.0;
            foreach (var m in windowMinutes)
            {
                foreach (var v in m.PredictedLongs.Values)
                {
                    total += v;
                }

                foreach (var v in m.PredictedShorts.Values)
                {
                    total += v;
                }
            }

            foreach (var e in windowEvents)
            {
                total += (double)e.Price * (double)e.Quantity;
            }

            return (int)(total % 7);
        });
        Console.WriteLine($"  calibrations in the window: {calibrated} (1 expected); predicted buckets in the window: {windowMinutes.Sum(m => m.PredictedLongs.Count + m.PredictedShorts.Count):N0}; events: {windowEvents.Count}");
        Ratio("calibration window", subject, plain);
    }

    private static void Heatmap(Recorded r)
    {
        var heatmap = new LiquidationHeatmapV2("BTC", new BucketGrid(20m));
        var tape = r.FinalTape;
        var projection = new SourceMaps(r.Inference.ProjectionUsd(LiquidationSide.Long), r.Inference.ProjectionUsd(LiquidationSide.Short));
        var input = new HeatmapV2Input(r.LastMinute.MinuteMs / 1000.0, r.LastSrc, tape, r.Inference, new TapeWireStats { Symbol = "BTC", TotalEvents = r.Events.Count, TotalLongNotional = 0, TotalShortNotional = 0, LongBuckets = tape.Long.Count, ShortBuckets = tape.Short.Count, EventsInWindow = 0, OffsetSamplesByLev = new Dictionary<string, int>() }, r.Events.Count, ZoneManagerWireStats.Empty);
        Console.WriteLine();
        Console.WriteLine($"liquidations: V2 heatmap snapshot after {r.Minutes.Count} recorded minutes: tape {tape.Long.Count}+{tape.Short.Count} buckets, projection {projection.Long.Count}+{projection.Short.Count} buckets");
        Console.WriteLine($"  the snapshot's price grid: {heatmap.Snapshot(input).LongTapeUsd.Count} cells per side");
        var subject = Measure("one V2 heatmap snapshot (LiquidationHeatmapV2)", 500, () => heatmap.Snapshot(input).LongLevels.Count);
        var plain = Measure("baseline: pass over the same tape and projection maps", 500, () =>
        {
            var total = 0.0;
            foreach (var map in (IReadOnlyDictionary<long, double>[])[tape.Long, tape.Short, projection.Long, projection.Short])
            {
                foreach (var (tick, usd) in map)
                {
                    total += usd * tick;
                }
            }

            return (int)(total % 7);
        });
        Ratio("V2 heatmap snapshot", subject, plain);
    }

    // The bundled day through the Domain engines as /liquidations runs them: minute clock, tape, inference, raw heatmap.
    private static Recorded Record(string root)
    {
        var tape = LiquidationTapeReplay.Load(
            new LiquidationTapeSource(Symbol, Path.Combine(root, "data/moonstream/liq_tape_BTC_24h.jsonl.gz"), null, Path.Combine(root, "data/moonstream/liq_cycles_BTC_24h.jsonl.gz")),
            out _);
        var grid = new BucketGrid(20m);
        var ladder = LeverageLadders.ForBase("BTC");
        var clock = new MinuteClock(Symbol);
        var liqTape = new LiquidationTape(Symbol, grid, ladder);
        var inference = new EntryInference(Symbol, grid, ladder);
        var heatmap = new LiquidationHeatmapV2("BTC", grid);
        var oi = new SyntheticOpenInterest();
        var minutes = new List<CalibratorMinute>();
        var events = new List<LiquidationEvent>();
        MinuteClosed? last = null;
        long nextOiMs = 0;
        foreach (var t in AggTradeCsvReader.Read(Path.Combine(root, "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip")))
        {
            // COIN-M: quantity in 100 USD contracts; the engines take base units.
            var baseQty = 100m * t.Quantity / t.Price;
            var level = oi.OnTrade(Symbol, baseQty, t.IsBuyerMaker);
            if (t.TradeTimeMs >= nextOiMs)
            {
                clock.OnOpenInterest(t.TradeTimeMs, (double)level);
                nextOiMs = t.TradeTimeMs + 15_000;
            }

            foreach (var release in tape.Due(t.TradeTimeMs, t.Price))
            {
                if (LiquidationNormalizer.FromBinance("binance-usdm", Symbol, release.Side, release.Price, release.Quantity, release.TimeMs, out var e) == LiquidationRejection.None)
                {
                    events.Add(e!);
                    liqTape.OnLiquidationAgainst(e!, (side, tick) => inference.EntryEstimate(side, tick));
                }
            }

            foreach (var minute in clock.OnTrade(t.TradeTimeMs, (double)t.Price, (double)baseQty, t.IsBuyerMaker))
            {
                liqTape.OnMinute(minute);
                try
                {
                    inference.OnMinute(minute);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                var map = liqTape.GetHeatmap();
                var tapeMaps = new SourceMaps(map.Long.ToDictionary(b => b.Tick, b => b.NotionalUsd), map.Short.ToDictionary(b => b.Tick, b => b.NotionalUsd));
                var projection = new SourceMaps(inference.ProjectionUsd(LiquidationSide.Long), inference.ProjectionUsd(LiquidationSide.Short));
                minutes.Add(CalibratorMinute.From(minute, heatmap.Raw(tapeMaps, projection), last?.OpenInterest));
                last = minute;
            }

            if (minutes.Count >= Minutes)
            {
                break;
            }
        }

        var final = liqTape.GetHeatmap();
        var finalTape = new SourceMaps(final.Long.ToDictionary(b => b.Tick, b => b.NotionalUsd), final.Short.ToDictionary(b => b.Tick, b => b.NotionalUsd));
        return new Recorded(minutes, events, inference, finalTape, last!, (last!.Open + last.High + last.Low + last.Close) / 4.0);
    }

    private static Sample Measure(string label, int iterations, Func<int> action) =>
        MeasureWithSetup(label, iterations, () => 0, _ => action());

    // Median µs per run over several rounds; the setup (a fresh calibrator) is outside the timed part.
    private static Sample MeasureWithSetup<T>(string label, int iterations, Func<T> setup, Action<T> action)
    {
        for (var i = 0; i < Math.Min(iterations, 20); i++)
        {
            action(setup());
        }

        var rounds = new List<double>();
        var runs = 0;
        for (var round = 0; round < 7; round++)
        {
            var states = Enumerable.Range(0, iterations / 7 + 1).Select(_ => setup()).ToList();
            var clock = Stopwatch.StartNew();
            foreach (var state in states)
            {
                action(state);
            }

            clock.Stop();
            runs += states.Count;
            rounds.Add(clock.Elapsed.TotalMicroseconds / states.Count);
        }

        rounds.Sort();
        var sample = new Sample(rounds[rounds.Count / 2], rounds[0], runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-58} median {sample.MedianUs,10:F1} µs  min {sample.MinUs,10:F1} µs"));
        return sample;
    }

    private static void Ratio(string what, Sample subject, Sample baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio {what} / plain pass: {subject.MedianUs / baseline.MedianUs:F1}×  (min/min {subject.MinUs / baseline.MinUs:F1}×)"));

    private sealed record Sample(double MedianUs, double MinUs, int Runs);

    private sealed record Recorded(List<CalibratorMinute> Minutes, List<LiquidationEvent> Events, EntryInference Inference, SourceMaps FinalTape, MinuteClosed LastMinute, double LastSrc);
}
