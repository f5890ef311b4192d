using System.Text.Json;
using ActorBot.Domain.Tests.Support;

namespace ActorBot.Domain.Tests.Models;

/// <summary>
/// An independent reader and walker for the reference float64 tree dump (trees.json), used only to
/// cross-check ONNX Runtime's scores: different file, different format, different walk code.
/// </summary>
internal sealed record DumpTree(int[] Feature, double[] Threshold, bool[] MissingLeft, int[] Left, int[] Right, bool[] IsLeaf, double[] Value);

internal sealed class TreeDump
{
    private TreeDump(double baseline, List<DumpTree> trees)
    {
        Baseline = baseline;
        Trees = trees;
    }

    public double Baseline { get; }

    public List<DumpTree> Trees { get; }

    public static TreeDump Load()
    {
        using var doc = JsonDocument.Parse(TestData.ReadGzipText("hgb_snap_2024_BTC_agg.trees.json.gz"));
        var root = doc.RootElement;
        var trees = root.GetProperty("trees").EnumerateArray().Select(t => new DumpTree(
            t.GetProperty("feature_idx").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            t.GetProperty("num_threshold").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            t.GetProperty("missing_go_to_left").EnumerateArray().Select(e => e.GetInt32() != 0).ToArray(),
            t.GetProperty("left").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            t.GetProperty("right").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            t.GetProperty("is_leaf").EnumerateArray().Select(e => e.GetInt32() != 0).ToArray(),
            t.GetProperty("value").EnumerateArray().Select(e => e.GetDouble()).ToArray())).ToList();
        return new TreeDump(root.GetProperty("baseline").GetDouble(), trees);
    }

    public double Raw(double[] x)
    {
        var raw = Baseline;
        foreach (var t in Trees)
        {
            var n = 0;
            while (!t.IsLeaf[n])
            {
                var v = x[t.Feature[n]];
                var left = double.IsNaN(v) ? t.MissingLeft[n] : v <= t.Threshold[n];
                n = left ? t.Left[n] : t.Right[n];
            }

            raw += t.Value[n];
        }

        return raw;
    }
}
