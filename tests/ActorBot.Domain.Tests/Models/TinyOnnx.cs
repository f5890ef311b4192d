namespace ActorBot.Domain.Tests.Models;

/// <summary>
/// Builds small ai.onnx.ml TreeEnsembleClassifier models in memory (field numbers from onnx.proto), to
/// show what ONNX Runtime accepts and what our loader then refuses. The tree: one split on feature 0
/// at 0.5, true leaf −1, false leaf +1, LOGISTIC. Weights carry class id 0 with two class labels —
/// sklearn-onnx's binary convention, for which ORT outputs [1 − σ(s), σ(s)] — so
/// p1 = σ(−1) for x0 ≤ 0.5 and σ(+1) above.
/// </summary>
internal static class TinyOnnx
{
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Double = 11;

    public sealed record Options
    {
        public int Features { get; init; } = 24;

        public int InputType { get; init; } = Double;

        /// <summary>Dims of the input; null means [N, Features].</summary>
        public object[]? InputShape { get; init; }

        /// <summary>A second, unused graph input.</summary>
        public bool ExtraInput { get; init; }

        /// <summary>Adds sklearn-onnx's ZipMap: probabilities become a sequence of maps.</summary>
        public bool ZipMap { get; init; }

        public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    }

    public static byte[] Classifier(Options o)
    {
        var tree = new ProtoWriter().String(1, "input").String(2, "label").String(2, "probabilities")
            .String(3, "trees").String(4, "TreeEnsembleClassifier").String(7, "ai.onnx.ml");
        tree.Message(5, Ints("nodes_treeids", 0, 0, 0))
            .Message(5, Ints("nodes_nodeids", 0, 1, 2))
            .Message(5, Ints("nodes_featureids", 0, 0, 0))
            .Message(5, Floats("nodes_values", 0.5f, 0f, 0f))
            .Message(5, Strings("nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF"))
            .Message(5, Ints("nodes_truenodeids", 1, 0, 0))
            .Message(5, Ints("nodes_falsenodeids", 2, 0, 0))
            .Message(5, Ints("class_treeids", 0, 0))
            .Message(5, Ints("class_nodeids", 1, 2))
            .Message(5, Ints("class_ids", 0, 0))
            .Message(5, Floats("class_weights", -1f, 1f))
            .Message(5, Ints("classlabels_int64s", 0, 1))
            .Message(5, Str("post_transform", "LOGISTIC"));

        var graph = new ProtoWriter().Message(1, tree).String(2, "tiny")
            .Message(11, Value("input", Tensor(o.InputType, o.InputShape ?? ["N", o.Features])));
        if (o.ExtraInput)
        {
            graph.Message(11, Value("extra", Tensor(Double, ["N", o.Features])));
        }

        graph.Message(12, Value("label", Tensor(Int64, ["N"])));
        if (o.ZipMap)
        {
            graph.Message(1, new ProtoWriter().String(1, "probabilities").String(2, "output_probability")
                .String(3, "zipmap").String(4, "ZipMap").String(7, "ai.onnx.ml").Message(5, Ints("classlabels_int64s", 0, 1)));
            var map = new ProtoWriter().Message(5, new ProtoWriter().Int(1, Int64).Message(2, Tensor(Float, null)));
            graph.Message(12, Value("output_probability", new ProtoWriter().Message(4, new ProtoWriter().Message(1, map))));
        }
        else
        {
            graph.Message(12, Value("probabilities", Tensor(Float, ["N", 2])));
        }

        var model = new ProtoWriter().Int(1, 8).String(2, "actorbot-tests").Message(7, graph)
            .Message(8, new ProtoWriter().String(1, string.Empty).Int(2, 17))
            .Message(8, new ProtoWriter().String(1, "ai.onnx.ml").Int(2, 3));
        foreach (var (key, value) in o.Metadata)
        {
            model.Message(14, new ProtoWriter().String(1, key).String(2, value));
        }

        return model.ToArray();
    }

    private static ProtoWriter Value(string name, ProtoWriter type) => new ProtoWriter().String(1, name).Message(2, type);

    /// <summary>A tensor TypeProto; <paramref name="dims"/> holds ints (fixed) or strings (symbolic), null for no shape.</summary>
    private static ProtoWriter Tensor(int elemType, object[]? dims)
    {
        var tensor = new ProtoWriter().Int(1, elemType);
        if (dims is not null)
        {
            var shape = new ProtoWriter();
            foreach (var d in dims)
            {
                shape.Message(1, d is string s ? new ProtoWriter().String(2, s) : new ProtoWriter().Int(1, Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture)));
            }

            tensor.Message(2, shape);
        }

        return new ProtoWriter().Message(1, tensor);
    }

    private static ProtoWriter Ints(string name, params long[] values)
    {
        var a = new ProtoWriter().String(1, name).Int(20, 7);
        foreach (var v in values)
        {
            a.Int(8, v);
        }

        return a;
    }

    private static ProtoWriter Floats(string name, params float[] values)
    {
        var a = new ProtoWriter().String(1, name).Int(20, 6);
        foreach (var v in values)
        {
            a.Float(7, v);
        }

        return a;
    }

    private static ProtoWriter Strings(string name, params string[] values)
    {
        var a = new ProtoWriter().String(1, name).Int(20, 8);
        foreach (var v in values)
        {
            a.String(9, v);
        }

        return a;
    }

    private static ProtoWriter Str(string name, string value) => new ProtoWriter().String(1, name).Int(20, 3).String(4, value);
}
