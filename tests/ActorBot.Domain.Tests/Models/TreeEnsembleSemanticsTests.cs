using ActorBot.Models;
using ActorBot.Models.Onnx;
using ActorBot.Models.Trees;

namespace ActorBot.Domain.Tests.Models;

public sealed class TreeEnsembleSemanticsTests
{
    private static double Score(byte[] onnx, double x0)
    {
        var model = OnnxTreeModelReader.Read("tiny.onnx", onnx);
        var output = new double[1];
        model.Predict([x0, 0.0], output);
        return output[0];
    }

    [Theory(DisplayName = "Each branch mode sends a value to the true child exactly when its comparison with the threshold holds")]
    [InlineData("BRANCH_LEQ", 1.0, 1.0)]
    [InlineData("BRANCH_LEQ", 1.0000000000000002, -1.0)]
    [InlineData("BRANCH_LT", 1.0, -1.0)]
    [InlineData("BRANCH_LT", 0.9999999999999999, 1.0)]
    [InlineData("BRANCH_GTE", 1.0, 1.0)]
    [InlineData("BRANCH_GTE", 0.9999999999999999, -1.0)]
    [InlineData("BRANCH_GT", 1.0, -1.0)]
    [InlineData("BRANCH_GT", 1.0000000000000002, 1.0)]
    [InlineData("BRANCH_EQ", 1.0, 1.0)]
    [InlineData("BRANCH_EQ", 2.0, -1.0)]
    [InlineData("BRANCH_NEQ", 1.0, -1.0)]
    [InlineData("BRANCH_NEQ", 2.0, 1.0)]
    public void BranchModes(string mode, double x, double expected) =>
        Score(TinyOnnx.OneSplitRegressor(mode, missingTrue: false), x).Should().Be(expected);

    [Theory(DisplayName = "NaN goes to the true child iff the node's missing_value_tracks_true is set, otherwise the comparison decides")]
    [InlineData("BRANCH_LEQ", true, 1.0)]
    [InlineData("BRANCH_LEQ", false, -1.0)]
    [InlineData("BRANCH_GT", true, 1.0)]
    [InlineData("BRANCH_GT", false, -1.0)]
    [InlineData("BRANCH_NEQ", false, 1.0)]
    public void NaNRouting(string mode, bool missingTrue, double expected) =>
        Score(TinyOnnx.OneSplitRegressor(mode, missingTrue), double.NaN).Should().Be(expected);

    [Fact(DisplayName = "A LOGISTIC post transform is computed by us in double precision")]
    public void LogisticPostTransform()
    {
        Score(TinyOnnx.OneSplitRegressor("BRANCH_LEQ", false, "LOGISTIC"), 0.0).Should().Be(1.0 / (1.0 + Math.Exp(-1.0)));
    }

    [Fact(DisplayName = "An operator other than a tree ensemble is refused at load with the operator's name")]
    public void UnsupportedOperator()
    {
        var bytes = TinyOnnx.Model("LinearClassifier", 2, [TinyOnnx.Ints("classlabels_ints", 0, 1)]);
        var act = () => OnnxTreeModelReader.Read("linear.onnx", bytes);
        act.Should().Throw<ModelLoadException>().WithMessage("linear.onnx: unsupported operator 'ai.onnx.ml.LinearClassifier'*");
    }

    [Fact(DisplayName = "PROBIT and unknown node modes are refused at load")]
    public void UnsupportedAttributes()
    {
        var probit = () => OnnxTreeModelReader.Read("p.onnx", TinyOnnx.OneSplitRegressor("BRANCH_LEQ", false, "PROBIT"));
        probit.Should().Throw<ModelLoadException>().WithMessage("*post_transform 'PROBIT'*");
        var mode = () => OnnxTreeModelReader.Read("m.onnx", TinyOnnx.OneSplitRegressor("BRANCH_MEMBER", false));
        mode.Should().Throw<ModelLoadException>().WithMessage("*nodes_modes*BRANCH_MEMBER*");
    }

    [Fact(DisplayName = "A newer ai.onnx.ml opset and a non-ONNX file are refused at load")]
    public void BadContainer()
    {
        var v5 = () => OnnxTreeModelReader.Read("v5.onnx", TinyOnnx.Model("TreeEnsemble", 2, [], mlOpset: 5));
        v5.Should().Throw<ModelLoadException>().WithMessage("*ai.onnx.ml is 5*");
        var junk = () => OnnxTreeModelReader.Read("junk.onnx", [0xFF, 0xFF, 0xFF, 0x01]);
        junk.Should().Throw<ModelLoadException>().WithMessage("junk.onnx: not a valid ONNX protobuf*");
    }

    [Fact(DisplayName = "A tree whose child points back to its root is refused as not a tree")]
    public void CycleRefused()
    {
        var bytes = TinyOnnx.Model("TreeEnsembleRegressor", 2,
        [
            TinyOnnx.Ints("nodes_treeids", 0, 0, 0),
            TinyOnnx.Ints("nodes_nodeids", 0, 1, 2),
            TinyOnnx.Ints("nodes_featureids", 0, 0, 0),
            TinyOnnx.Floats("nodes_values", 1f, 2f, 0f),
            TinyOnnx.Strings("nodes_modes", "BRANCH_LEQ", "BRANCH_LEQ", "LEAF"),
            TinyOnnx.Ints("nodes_truenodeids", 1, 0, 0),
            TinyOnnx.Ints("nodes_falsenodeids", 2, 2, 0),
            TinyOnnx.Ints("target_treeids", 0),
            TinyOnnx.Ints("target_nodeids", 2),
            TinyOnnx.Ints("target_ids", 0),
            TinyOnnx.Floats("target_weights", 1f),
        ]);
        var act = () => OnnxTreeModelReader.Read("cycle.onnx", bytes);
        act.Should().Throw<ModelLoadException>().WithMessage("cycle.onnx: *not a tree*");
    }

    [Fact(DisplayName = "A split on a feature beyond the input width is refused at load")]
    public void FeatureOutOfRange()
    {
        var bytes = TinyOnnx.Model("TreeEnsembleRegressor", 1,
        [
            TinyOnnx.Ints("nodes_treeids", 0, 0, 0),
            TinyOnnx.Ints("nodes_nodeids", 0, 1, 2),
            TinyOnnx.Ints("nodes_featureids", 3, 0, 0),
            TinyOnnx.Floats("nodes_values", 1f, 0f, 0f),
            TinyOnnx.Strings("nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF"),
            TinyOnnx.Ints("nodes_truenodeids", 1, 0, 0),
            TinyOnnx.Ints("nodes_falsenodeids", 2, 0, 0),
            TinyOnnx.Ints("target_treeids", 0),
            TinyOnnx.Ints("target_nodeids", 1),
            TinyOnnx.Ints("target_ids", 0),
            TinyOnnx.Floats("target_weights", 1f),
        ]);
        var act = () => OnnxTreeModelReader.Read("wide.onnx", bytes);
        act.Should().Throw<ModelLoadException>().WithMessage("*nodes_featureids*feature 3*1 features*");
    }

    [Fact(DisplayName = "A multi-class classifier with per-class leaves applies SOFTMAX and returns the arg-max class")]
    public void MultiClassSoftmax()
    {
        var bytes = TinyOnnx.Model("TreeEnsembleClassifier", 1,
        [
            TinyOnnx.Ints("classlabels_int64s", 10, 20, 30),
            TinyOnnx.Ints("nodes_treeids", 0),
            TinyOnnx.Ints("nodes_nodeids", 0),
            TinyOnnx.Ints("nodes_featureids", 0),
            TinyOnnx.Floats("nodes_values", 0f),
            TinyOnnx.Strings("nodes_modes", "LEAF"),
            TinyOnnx.Ints("nodes_truenodeids", 0),
            TinyOnnx.Ints("nodes_falsenodeids", 0),
            TinyOnnx.Ints("class_treeids", 0, 0, 0),
            TinyOnnx.Ints("class_nodeids", 0, 0, 0),
            TinyOnnx.Ints("class_ids", 0, 1, 2),
            TinyOnnx.Floats("class_weights", 0f, 2f, 1f),
            TinyOnnx.Str("post_transform", "SOFTMAX"),
        ]);
        var model = OnnxTreeModelReader.Read("soft.onnx", bytes);
        model.Kind.Should().Be(TreeModelKind.Classifier);
        var p = new double[3];
        model.Predict([0.0], p).Should().Be(1);
        var z = 1 + Math.Exp(2) + Math.Exp(1);
        p[1].Should().BeApproximately(Math.Exp(2) / z, 1e-15);
        p.Sum().Should().BeApproximately(1.0, 1e-15);
    }

    [Theory(DisplayName = "Regressor aggregate functions combine two trees' leaves as SUM, AVERAGE, MIN and MAX, then add the base value")]
    [InlineData("SUM", 10.5)]
    [InlineData("AVERAGE", 10.25)]
    [InlineData("MIN", 9.5)]
    [InlineData("MAX", 11.0)]
    public void Aggregates(string aggregate, double expected)
    {
        // Two single-leaf trees scoring -0.5 and 1.0, base value 10.
        var bytes = TinyOnnx.Model("TreeEnsembleRegressor", 1,
        [
            TinyOnnx.Ints("nodes_treeids", 0, 1),
            TinyOnnx.Ints("nodes_nodeids", 0, 0),
            TinyOnnx.Ints("nodes_featureids", 0, 0),
            TinyOnnx.Floats("nodes_values", 0f, 0f),
            TinyOnnx.Strings("nodes_modes", "LEAF", "LEAF"),
            TinyOnnx.Ints("nodes_truenodeids", 0, 0),
            TinyOnnx.Ints("nodes_falsenodeids", 0, 0),
            TinyOnnx.Ints("target_treeids", 0, 1),
            TinyOnnx.Ints("target_nodeids", 0, 0),
            TinyOnnx.Ints("target_ids", 0, 0),
            TinyOnnx.DoubleTensor("target_weights_as_tensor", -0.5, 1.0),
            TinyOnnx.DoubleTensor("base_values_as_tensor", 10.0),
            TinyOnnx.Str("aggregate_function", aggregate),
        ]);
        var model = OnnxTreeModelReader.Read("agg.onnx", bytes);
        var output = new double[1];
        model.Predict([0.0], output);
        output[0].Should().Be(expected);
    }
}
