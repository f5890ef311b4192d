using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.ShockFlip;
using ActorBot.Models.Registry;

namespace ActorBot.Benchmarks.Replay;

/// <summary>
/// <c>replay</c>: the Domain half of a Snap Harvester replay on the bundled COIN-M day (105,280 trades).
/// (1) the causal pipeline (bars → features → detector → labels) next to its floor, bar building alone;
/// (2) meta-model scoring with the flattened ONNX evaluator next to a naive object-per-node walk of the
/// same trees. The actor replay (kernel + virtual time) will be added to this suite when it exists.
/// </summary>
public sealed class ReplaySuite : IBenchmarkSuite
{
    public string Name => "replay";

    public int Run(string[] args)
    {
        var root = RepoRoot();
        var ticks = AggTradesReader.Read(Path.Combine(root, "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip"), ContractSpec.CoinMargined100Usd).Ticks;
        var model = ModelLoader.LoadDirectory(Path.Combine(root, "models/registry/snap_hgb_2024_btc_agg"));
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |p_flat - p_naive| over {vectors.Length} rows: {check:R}"));
        var naiveTime = Measure("naive node walk (baseline)", vectors.Length, "rows", () => vectors.Sum(v => naive.Predict(v) > 0.5 ? 1 : 0));
        var flatTime = Measure("flat ONNX evaluator", vectors.Length, "rows", () => vectors.Sum(v => model.PredictProbability(v) > 0.5 ? 1 : 0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio naive/flat time: {naiveTime / flatTime:F2}"));
        return 0;
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

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
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
