using ActorBot.Domain.Models;
using ActorBot.Domain.ShockFlip;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models.Registry;

namespace ActorBot.Domain.Tests.Models;

/// <summary>
/// The model trained by models/training on the bundled COIN-M day (causal label) and registered as
/// shadow: its parity vectors were scored by scikit-learn 1.2.1 and by onnxruntime-node 1.30.0.
/// </summary>
public sealed class TrainedShadowModelTests
{
    [Fact(DisplayName = "The shadow model scores its parity vectors exactly as the committed ONNX Runtime p_hat_ort, within 1e-7 of sklearn")]
    public void ShadowParity()
    {
        using var registry = ModelRegistry.Load(TestData.RegistryDir, SnapFeatureVector.Schema);
        var shadow = registry.Shadow;
        shadow.Should().NotBeNull();
        shadow!.Id.Should().Be("snap_hgb_causal_btcusd_perp_20260508");
        var (header, rows) = TestData.ReadCsv(File.ReadAllText(Path.Combine(shadow.Directory, "parity_vectors.csv")));
        int Col(string n) => Array.IndexOf(header, n);
        var featureCols = SnapFeatureVector.Schema.Names.Select(Col).ToArray();
        rows.Should().HaveCount(21);
        foreach (var r in rows)
        {
            var x = featureCols.Select(c => TestData.D(r[c])).ToArray();
            var encoded = new double[x.Length];
            ModelInputEncoding.Encode(x, encoded);
            encoded.Should().Equal(x, "the vectors are stored already float32-rounded");
            var p = shadow.PredictProbability(x);
            p.Should().Be(TestData.D(r[Col("p_hat_ort")]));
            Math.Abs(p - TestData.D(r[Col("p_hat_sklearn")])).Should().BeLessThanOrEqualTo(FrozenModelParityTests.SklearnBound);
            (p > 0.5 ? 1 : 0).Should().Be(int.Parse(r[Col("label_ort")]));
        }
    }

    [Fact(DisplayName = "Active and shadow are both scored on every event; only the active decision trades")]
    public void BothScored()
    {
        using var registry = ModelRegistry.Load(TestData.RegistryDir, SnapFeatureVector.Schema);
        var router = new MetaRouter(registry.Active, registry.Shadow, 0.5, SnapFeatureVector.Schema);
        var decisions = ModelVectors.All.Take(100).Select(v => router.Route(v.Key, v.Inputs)).ToList();
        decisions.Should().OnlyContain(d => d.PShadow.HasValue && d.ShadowModelId == "snap_hgb_causal_btcusd_perp_20260508");
        decisions.Should().OnlyContain(d => d.Take == (d.PActive >= 0.5));
        decisions.Should().Contain(d => d.PShadow != d.PActive);
    }
}
