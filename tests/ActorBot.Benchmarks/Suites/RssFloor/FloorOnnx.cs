using System.Globalization;
using System.IO.Compression;
using ActorBot.Domain.Models;
using ActorBot.Models.Registry;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>
/// Layer 4: the bundled model registry loaded through <see cref="ModelRegistry"/> (the service's path: ORT telemetry
/// off before the first session, one intra-op thread, no CPU arena), active and shadow each scoring
/// <see cref="Rows"/> feature rows — the recorded parity vectors, round-robin. The registry stays open, as the
/// service holds it for its life.
/// </summary>
internal static class FloorOnnx
{
    private const int Rows = 10_000;

    private static readonly string[] FeatureNames =
    [
        "side", "open", "high", "low", "close", "atr", "atr_pct", "rel_vol", "imbalance", "imbalance_z",
        "shockflip_z", "shock_intensity_z", "range_atr", "donchian_loc", "price_flow_div", "prior_flow_sign",
        "div_score", "trend_dir", "trend_aligned", "trend_slope", "stall_flag", "shock_intensity_z_decile",
        "div_score_decile", "rel_vol_decile",
    ];

    public static IDisposable LoadAndScore()
    {
        var root = RepoRoot.Find();
        var vectors = LoadVectors(Path.Combine(root, "tests/ActorBot.Domain.Tests/Data/model_vectors_shared.csv.gz"));
        var registry = ModelRegistry.Load(Path.Combine(root, "models/registry"), new FeatureSchema(FeatureNames));
        var sum = 0.0;
        for (var i = 0; i < Rows; i++)
        {
            var row = vectors[i % vectors.Length];
            sum += registry.Active.PredictProbability(row);
            sum += registry.Shadow?.PredictProbability(row) ?? 0;
        }

        if (!double.IsFinite(sum) || sum <= 0)
        {
            registry.Dispose();
            throw new InvalidOperationException($"scores summed to {sum}; the model did not score");
        }

        return registry;
    }

    private static double[][] LoadVectors(string gzPath)
    {
        using var gz = new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var header = reader.ReadLine()!.Split(',');
        var columns = FeatureNames.Select(n => Array.IndexOf(header, n)).ToArray();
        var rows = new List<double[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var fields = line.Split(',');
            rows.Add(columns.Select(c => double.Parse(fields[c], CultureInfo.InvariantCulture)).ToArray());
        }

        return rows.ToArray();
    }
}
