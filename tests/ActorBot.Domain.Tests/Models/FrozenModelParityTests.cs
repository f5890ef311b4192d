using ActorBot.Domain.Models;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models.Registry;
using ActorBot.Models.Trees;

namespace ActorBot.Domain.Tests.Models;

public sealed class FrozenModelParityTests
{
    private static readonly Lazy<OnnxProbabilityModel> s_model =
        new(() => ModelLoader.LoadDirectory(Path.Combine(TestData.RegistryDir, "snap_hgb_2024_btc_agg")));

    private static OnnxProbabilityModel Model => s_model.Value;

    [Fact(DisplayName = "The frozen research model loads as a 500-tree binary classifier over 24 features")]
    public void Loads()
    {
        Model.Model.Kind.Should().Be(TreeModelKind.Classifier);
        Model.Model.BinarySingleScore.Should().BeTrue();
        Model.Model.PostTransform.Should().Be(PostTransform.Logistic);
        Model.Model.Trees.TreeCount.Should().Be(500);
        Model.Model.Trees.NodeCount.Should().Be(9830);
        Model.Model.Trees.LeafCount.Should().Be(5165);
        Model.Schema.Hash.Should().Be("85c548726789029ccbd439903b4fa4b17f2342ebc57da9f18234e0dc72464d23");
        Model.Schema.Names.Should().Equal(ModelVectors.FeatureNames);
    }

    [Fact(DisplayName = "Every shared vector scores within 1e-9 of sklearn's research p_hat and 1e-6 of ONNX Runtime's")]
    public void ProbabilityParity()
    {
        var vectors = ModelVectors.All;
        vectors.Should().HaveCount(958);
        var worstSklearn = 0.0;
        var worstOrt = 0.0;
        foreach (var v in vectors)
        {
            var p = Model.PredictProbability(v.Inputs);
            var dSk = Math.Abs(p - v.PSklearn);
            var dOrt = Math.Abs(p - v.POrt);
            dSk.Should().BeLessThanOrEqualTo(1e-9, v.Key);
            dOrt.Should().BeLessThanOrEqualTo(1e-6, v.Key);
            worstSklearn = Math.Max(worstSklearn, dSk);
            worstOrt = Math.Max(worstOrt, dOrt);
        }

        // The float64 walk is within a couple of ulp of sklearn; ORT differs only by its float32 logistic.
        worstSklearn.Should().BeLessThan(1e-15);
        worstOrt.Should().BeGreaterThan(0).And.BeLessThan(1.2e-7);
    }

    [Fact(DisplayName = "The raw margin equals the reference float64 tree walk bit for bit and the label matches ONNX Runtime")]
    public void RawMarginIsExact()
    {
        var probs = new double[2];
        foreach (var v in ModelVectors.All)
        {
            var x = Encode(v.Inputs);
            Model.Model.RawMargin(x).Should().Be(v.RawF64, v.Key);
            Model.Model.Predict(x, probs).Should().Be(v.LabelOrt, v.Key);
            probs[1].Should().Be(TreeEnsembleModel.Logistic(v.RawF64));
            Math.Abs(probs[1] - v.PF64).Should().BeLessThanOrEqualTo(2.3e-16, v.Key);
        }
    }

    [Fact(DisplayName = "ONNX Runtime's float32 logistic, emulated from our raw margin, reproduces p_hat_ort to one float32 ulp of 1")]
    public void OrtFloat32LogisticExplainsTheDifference()
    {
        foreach (var v in ModelVectors.All)
        {
            var s = (float)Model.Model.RawMargin(Encode(v.Inputs));
            var e = (float)(1.0 / (1.0 + Math.Exp(-Math.Abs(s))));
            var p1 = s < 0 ? 1f - e : e;
            // One float32 ulp just below 1.0 (2^-24): the granularity of ORT's float32 output.
            Math.Abs(p1 - v.POrt).Should().BeLessThanOrEqualTo(5.9604644775390625E-08, v.Key);
        }
    }

    [Fact(DisplayName = "The ONNX evaluator agrees leaf for leaf with the independent float64 tree dump")]
    public void AgreesWithTreeDump()
    {
        var dump = TreeDump.Load();
        dump.Trees.Should().HaveCount(500);
        foreach (var v in ModelVectors.All.Take(300))
        {
            var x = Encode(v.Inputs);
            dump.Raw(x).Should().Be(Model.Model.RawMargin(x), v.Key);
        }
    }

    [Fact(DisplayName = "Scoring applies the float32 input contract: an unrounded double lands on the rounded value's side of a split")]
    public void InputContractIsApplied()
    {
        // Take a vector, perturb one feature by less than half a float32 ulp: the encoded input, and
        // therefore p, must not change; NaN must score like 0.
        var v = ModelVectors.All[0];
        var perturbed = (double[])v.Inputs.Clone();
        var atr = perturbed[5];
        perturbed[5] = atr + ((double)MathF.BitIncrement((float)atr) - atr) / 4;
        perturbed[5].Should().NotBe(atr);
        Model.PredictProbability(perturbed).Should().Be(Model.PredictProbability(v.Inputs));

        var withNaN = (double[])v.Inputs.Clone();
        var withZero = (double[])v.Inputs.Clone();
        withNaN[14] = double.NaN;
        withZero[14] = 0.0;
        Model.PredictProbability(withNaN).Should().Be(Model.PredictProbability(withZero));
    }

    private static double[] Encode(double[] raw)
    {
        var x = new double[raw.Length];
        ModelInputEncoding.Encode(raw, x);
        return x;
    }
}
