using System.Globalization;
using System.IO.Compression;
using ActorBot.Domain.ShockFlip;
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

    public static IDisposable LoadAndScore()
    {
        var root = RepoRoot.Find();
        var vectors = LoadVectors(Path.Combine(root, "tests/ActorBot.Domain.Tests/Data/model_vectors_shared.csv.gz"));
        var registry = ModelRegistry.Load(Path.Combine(root, "models/registry"), SnapFeatureVector.Schema);
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
        var columns = SnapFeatureVector.Schema.Names.Select(n => Array.IndexOf(header, n)).ToArray();
        var rows = new List<double[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var fields = line.Split(',');
            rows.Add(columns.Select(c => double.Parse(fields[c], CultureInfo.InvariantCulture)).ToArray());
        }

        return rows.ToArray();
    }
}
