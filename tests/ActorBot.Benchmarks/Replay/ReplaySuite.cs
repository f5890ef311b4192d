using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Models;
using ActorBot.Domain.Paper;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Symbols;
using ActorBot.Models.Registry;

namespace ActorBot.Benchmarks.Replay;

/// <summary>
/// <c>replay</c>: the Domain half of a Snap Harvester replay on the bundled COIN-M day (105,280 trades).
/// (1) the causal pipeline (bars → features → detector → labels) next to its floor, bar building alone;
/// (2) meta-model scoring with the ONNX Runtime session next to a naive object-per-node walk of the
/// same trees (per-event latency: the <c>models</c> suite); (3) the actor replay — the full per-symbol actor pipeline (/bot → /{symbol} → /bars →
/// /shockflip → /trader on the virtual clock) — next to a parse-only pass over the same zip, in the same run.
/// </summary>
public sealed class ReplaySuite : IBenchmarkSuite
{
    public string Name => "replay";

    public int Run(string[] args)
    {
        var root = RepoRoot.Find();
        var ticks = AggTradesReader.Read(Path.Combine(root, "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip"), ContractSpec.CoinMargined100Usd).Ticks;
        using var model = ModelLoader.LoadDirectory(Path.Combine(root, "models/registry/snap_hgb_2024_btc_agg"));
        var cuts = ModelCutPoints.For(model.Descriptor);
        var p = ShockFlipParameters.Default with { ZBand = 1.2, JumpBand = 1.5 };

        var bars = Measure("bars only (baseline)", ticks.Count, "trades", () => BuildBars(ticks).Count);
        var pipeline = Measure("causal pipeline", ticks.Count, "trades", () =>
            SnapOfflinePipeline.Run(ticks, "BTCUSD_PERP", 0.1, FeatureMode.Causal, p, BarrierGeometry.Strategy, cuts).Events.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio pipeline/bars-only time: {pipeline / bars:F2}"));

        // Model inputs: the causal features of every bar of the day, scored as a long.
        var engine = new CausalFeatureEngine(ShockFlipParameters.Default);
        var vectors = BuildBars(ticks).Select(b => SnapFeatureVector.Build(ShockFlipEvent.From(engine.Push(b), 1))).ToArray();
        var naive = NaiveForest.Load(Path.Combine(root, "tests/ActorBot.Domain.Tests/Data/hgb_snap_2024_BTC_agg.trees.json.gz"));
        var check = vectors.Max(v => Math.Abs(model.PredictProbability(v) - naive.Predict(v)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |p_ort - p_naive| over {vectors.Length} rows: {check:R}"));
        var naiveTime = Measure("naive node walk (baseline)", vectors.Length, "rows", () => vectors.Sum(v => naive.Predict(v) > 0.5 ? 1 : 0));
        var ortTime = Measure("ONNX Runtime session", vectors.Length, "rows", () => vectors.Sum(v => model.PredictProbability(v) > 0.5 ? 1 : 0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio naive/ORT time: {naiveTime / ortTime:F2}"));

        MeasureActorReplay(root, ticks, model, cuts, p);
        return 0;
    }

    /// <summary>
    /// Parse-only (unzip + parse the aggTrades CSV) against the actor replay of the same trades, with the
    /// shipped config's settings. "actors only" feeds pre-parsed trades; "parse + actors" is what
    /// <c>actorbot replay</c> does minus writing files. Ratio = (parse + actors) throughput / parse-only throughput.
    /// </summary>
    private static void MeasureActorReplay(string root, IReadOnlyList<TradeTick> ticks, OnnxProbabilityModel active, DecileCutPoints cuts, ShockFlipParameters p)
    {
        var zip = Path.Combine(root, "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip");
        using var registry = ModelRegistry.Load(Path.Combine(root, "models/registry"), SnapFeatureVector.Schema);
        var router = new MetaRouter(registry.Active, registry.Shadow, 0.5, SnapFeatureVector.Schema);
        var pipeline = new SymbolPipelineSettings(p, cuts, router, BarrierGeometry.Strategy, 1, new FillSettings(5.0, 1.0, 1000), TimeSpan.Zero, Akka.Actor.ActorRefs.Nobody);
        var options = ReplayDriverOptions.Default;
        var array = ticks.ToArray();
        var n = array.Length;
        var trades = ReplayDriver.Run("BTCUSD_PERP", array, pipeline, options).Trades.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"actor replay check: {trades} trades on {n} aggTrades (batch {options.BatchMaxTrades}, stale {options.StaleTimeout.TotalSeconds} s)"));
        // The reader's row loop needs more than the usual 3 warm-ups to reach its optimised tier; without them the
        // baseline (measured first) would be penalised and the ratio flattered.
        for (var w = 0; w < 15; w++)
        {
            AggTradesReader.Read(zip, ContractSpec.CoinMargined100Usd);
            ReplayDriver.Run("BTCUSD_PERP", array, pipeline, options);
        }

        var actors = Measure("actor pipeline only", n, "trades", () => ReplayDriver.Run("BTCUSD_PERP", array, pipeline, options).Bars.Count);

        // Parse-only and parse + actors alternate within each iteration, so both see the same GC and machine state.
        var parseTimes = new List<double>();
        var fullTimes = new List<double>();
        for (var k = 0; k < 11; k++)
        {
            var sw = Stopwatch.StartNew();
            AggTradesReader.Read(zip, ContractSpec.CoinMargined100Usd);
            parseTimes.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            ReplayDriver.Run("BTCUSD_PERP", AggTradesReader.Read(zip, ContractSpec.CoinMargined100Usd).Ticks.ToArray(), pipeline, options);
            fullTimes.Add(sw.Elapsed.TotalMilliseconds);
        }

        parseTimes.Sort();
        fullTimes.Sort();
        var parse = parseTimes[5];
        var full = fullTimes[5];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"parse only (baseline)",-28} median {parse,9:F2} ms  {n / parse * 1000,12:N0} trades/s  (alternating)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"parse + actor pipeline",-28} median {full,9:F2} ms  {n / full * 1000,12:N0} trades/s  (alternating)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio (parse + actors)/parse-only throughput: {parse / full:F2}; actors-only/parse-only throughput: {parse / actors:F2}"));
    }

    private static List<Bar> BuildBars(IReadOnlyList<TradeTick> ticks)
    {
        var builder = new MinuteBarBuilder();
        var bars = new List<Bar>(1500);
        foreach (var t in ticks)
        {
            if (builder.OnTrade(t, out _) is { } b)
            {
                bars.Add(b);
            }
        }

        if (builder.Flush() is { } last)
        {
            bars.Add(last);
        }

        return bars;
    }

    /// <summary>Median of 10 timed runs after 3 warm-ups; prints throughput and allocations per run.</summary>
    private static double Measure(string name, int items, string unit, Func<int> action)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < 10; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            action();
            sw.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} median {median,9:F2} ms  {items / median * 1000,12:N0} {unit}/s  {allocated / 10 / 1024.0,10:N0} KiB allocated/run"));
        return median;
    }

    /// <summary>Baseline: one heap object per node, the straightforward way to walk a forest.</summary>
    private sealed class NaiveForest
    {
        private readonly double _baseline;
        private readonly List<Node> _roots;

        private NaiveForest(double baseline, List<Node> roots)
        {
            _baseline = baseline;
            _roots = roots;
        }

        public static NaiveForest Load(string gzPath)
        {
            using var gz = new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress);
            using var doc = JsonDocument.Parse(gz);
            var roots = new List<Node>();
            foreach (var t in doc.RootElement.GetProperty("trees").EnumerateArray())
            {
                int[] Ints(string n) => t.GetProperty(n).EnumerateArray().Select(e => e.GetInt32()).ToArray();
                var f = Ints("feature_idx");
                var l = Ints("left");
                var r = Ints("right");
                var leaf = Ints("is_leaf");
                var miss = Ints("missing_go_to_left");
                var th = t.GetProperty("num_threshold").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var v = t.GetProperty("value").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Node Make(int i) => leaf[i] != 0
                    ? new Node { Value = v[i], IsLeaf = true }
                    : new Node { Feature = f[i], Threshold = th[i], MissingLeft = miss[i] != 0, Left = Make(l[i]), Right = Make(r[i]) };
                roots.Add(Make(0));
            }

            return new NaiveForest(doc.RootElement.GetProperty("baseline").GetDouble(), roots);
        }

        public double Predict(double[] raw)
        {
            var x = raw.Select(v => { var f = (float)v; return float.IsNaN(f) ? 0.0 : f; }).ToArray();
            var s = _baseline;
            foreach (var root in _roots)
            {
                var n = root;
                while (!n.IsLeaf)
                {
                    var value = x[n.Feature];
                    n = (double.IsNaN(value) ? n.MissingLeft : value <= n.Threshold) ? n.Left! : n.Right!;
                }

                s += n.Value;
            }

            return 1.0 / (1.0 + Math.Exp(-s));
        }

        private sealed class Node
        {
            public int Feature { get; init; }

            public double Threshold { get; init; }

            public bool MissingLeft { get; init; }

            public bool IsLeaf { get; init; }

            public double Value { get; init; }

            public Node? Left { get; init; }

            public Node? Right { get; init; }
        }
    }
}
