using ActorBot.Domain.Tests.Support;

namespace ActorBot.Domain.Tests.Models;

/// <summary>The 958 shared parity vectors (SPEC §11): 24 inputs and the reference scores.</summary>
internal sealed record ModelVector(string Key, double[] Inputs, double RawF64, double PF64, double POrt, int LabelOrt, double PSklearn);

internal static class ModelVectors
{
    public static readonly string[] FeatureNames =
    [
        "side", "open", "high", "low", "close", "atr", "atr_pct", "rel_vol", "imbalance", "imbalance_z",
        "shockflip_z", "shock_intensity_z", "range_atr", "donchian_loc", "price_flow_div", "prior_flow_sign",
        "div_score", "trend_dir", "trend_aligned", "trend_slope", "stall_flag", "shock_intensity_z_decile",
        "div_score_decile", "rel_vol_decile",
    ];

    private static readonly Lazy<IReadOnlyList<ModelVector>> s_all = new(Load);

    public static IReadOnlyList<ModelVector> All => s_all.Value;

    private static IReadOnlyList<ModelVector> Load()
    {
        var (header, rows) = TestData.ReadCsv(TestData.ReadGzipText("model_vectors_shared.csv.gz"));
        int Col(string name) => Array.IndexOf(header, name);
        var featureCols = FeatureNames.Select(Col).ToArray();
        return rows.Select(r => new ModelVector(
            $"{r[Col("source")]}#{r[Col("row_in_source")]}",
            featureCols.Select(c => TestData.D(r[c])).ToArray(),
            TestData.D(r[Col("raw_score_f64")]),
            TestData.D(r[Col("p_hat_f64")]),
            TestData.D(r[Col("p_hat_ort")]),
            int.Parse(r[Col("label_ort")]),
            TestData.D(r[Col("p_hat_sklearn_research")]))).ToList();
    }
}
