using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ActorBot.Domain.Models;
using ActorBot.Models.Registry;
using Microsoft.ML.OnnxRuntime;

namespace ActorBot.Benchmarks.Suites.Models;

/// <summary>
/// <c>models</c>: per-event scoring latency with ONNX Runtime — one call of
/// <see cref="OnnxProbabilityModel.PredictProbability"/> on one 24-feature event, as the router makes it —
/// next to a baseline in the same run: the input contract plus a plain dot product over the same
/// features (what any model costs before it looks at a tree). Also: active + shadow (the router's work
/// per event), and a session with ORT's default threading, to show why ours uses one intra-op thread.
/// Input: the 958 shared parity vectors (tests/ActorBot.Domain.Tests/Data), scored round-robin.
/// </summary>
public sealed class ModelScoringSuite : IBenchmarkSuite
{
    private const int Rounds = 40;

    public string Name => "models";

    public int Run(string[] args)
    {
        var root = RepoRoot.Find();
        var vectors = LoadVectors(Path.Combine(root, "tests/ActorBot.Domain.Tests/Data/model_vectors_shared.csv.gz"));
        using var registry = ModelRegistry.Load(Path.Combine(root, "models/registry"), new FeatureSchema(FeatureNames));
        var active = registry.Active;
        var shadow = registry.Shadow!;
        Console.WriteLine($"models: {vectors.Length} events × {Rounds} rounds; active {active.Id} ({active.Signature}), shadow {shadow.Id}");

        var weights = Enumerable.Range(0, FeatureNames.Length).Select(i => 1.0 / (i + 1)).ToArray();
        var encoded = new double[FeatureNames.Length];
        var baseline = Measure("encode + dot product (baseline)", vectors, v =>
        {
            ModelInputEncoding.Encode(v, encoded);
            var s = 0.0;
            for (var i = 0; i < encoded.Length; i++)
            {
                s += encoded[i] * weights[i];
            }

            return s;
        });
        var one = Measure("ORT active model", vectors, v => active.PredictProbability(v));
        var both = Measure("ORT active + shadow", vectors, v => active.PredictProbability(v) + shadow.PredictProbability(v));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio ORT/baseline p50: {one / baseline:F1}; active+shadow/active p50: {both / one:F2}"));

        MeasureDefaultThreading(root, vectors, one);
        return 0;
    }

    /// <summary>The same model in a session with ORT's default options (intra-op threads = cores), raw API.</summary>
    private static void MeasureDefaultThreading(string root, double[][] vectors, double oursP50)
    {
        using var session = new InferenceSession(File.ReadAllBytes(Path.Combine(root, "models/registry/snap_hgb_2024_btc_agg/model.onnx")));
        var input = new double[FeatureNames.Length];
        var output = new float[2];
        using var inValue = OrtValue.CreateTensorValueFromMemory(input, [1, input.Length]);
        using var outValue = OrtValue.CreateTensorValueFromMemory(output, [1, 2]);
        using var runOptions = new RunOptions();
        string[] inputNames = ["input"];
        string[] outputNames = ["probabilities"];
        OrtValue[] inputs = [inValue];
        OrtValue[] outputs = [outValue];
        var p50 = Measure("ORT default threading", vectors, v =>
        {
            ModelInputEncoding.Encode(v, input);
            session.Run(runOptions, inputNames, inputs, outputNames, outputs);
            return output[1];
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio default-threading/ours p50: {p50 / oursP50:F2}"));
    }

    /// <summary>Times every call (after a warm-up pass) and prints p50, p99, mean and bytes allocated per call; returns p50 in µs.</summary>
    private static double Measure(string name, double[][] vectors, Func<double[], double> score)
    {
        var sink = 0.0;
        for (var w = 0; w < 3; w++)
        {
            foreach (var v in vectors)
            {
                sink += score(v);
            }
        }

        var n = vectors.Length * Rounds;
        var ticks = new long[n];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        for (var k = 0; k < n; k++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += score(vectors[k % vectors.Length]);
            ticks[k] = Stopwatch.GetTimestamp() - start;
        }

        total.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.Sort(ticks);
        double Us(long t) => t * 1e6 / Stopwatch.Frequency;
        var p50 = Us(ticks[n / 2]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-32} p50 {p50,8:F2} µs  p99 {Us(ticks[(int)(n * 0.99)]),8:F2} µs  mean {total.Elapsed.TotalMicroseconds / n,8:F2} µs  {allocated / (double)n,6:F0} B/call  (sink {sink:E2})"));
        return p50;
    }

    private static readonly string[] FeatureNames =
    [
        "side", "open", "high", "low", "close", "atr", "atr_pct", "rel_vol", "imbalance", "imbalance_z",
        "shockflip_z", "shock_intensity_z", "range_atr", "donchian_loc", "price_flow_div", "prior_flow_sign",
        "div_score", "trend_dir", "trend_aligned", "trend_slope", "stall_flag", "shock_intensity_z_decile",
        "div_score_decile", "rel_vol_decile",
    ];

    private static double[][] LoadVectors(string gzPath)
    {
        using var gz = new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var header = reader.ReadLine()!.Split(',');
        var cols = FeatureNames.Select(n => Array.IndexOf(header, n)).ToArray();
        var rows = new List<double[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var f = line.Split(',');
            rows.Add(cols.Select(c => double.Parse(f[c], CultureInfo.InvariantCulture)).ToArray());
        }

        return rows.ToArray();
    }
}
