using System.Buffers.Binary;
using ActorBot.Models.Trees;
using Google.Protobuf;
using Onnx;

namespace ActorBot.Models.Onnx;

/// <summary>
/// Reads an ONNX file holding exactly one ai.onnx.ml TreeEnsembleClassifier or TreeEnsembleRegressor
/// node fed straight from the graph input. Anything else (other operators, extra nodes, a ZipMap,
/// PROBIT, string class labels, unknown opset) is refused with a <see cref="ModelLoadException"/>
/// naming the file and the field, because a model we cannot evaluate exactly must not trade.
/// </summary>
public static class OnnxTreeModelReader
{
    private const string MlDomain = "ai.onnx.ml";

    public static TreeEnsembleModel Read(string source, byte[] bytes)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ModelLoadException($"{source}: not a valid ONNX protobuf ({ex.Message}).", ex);
        }

        var mlOpset = model.OpsetImport.FirstOrDefault(o => o.Domain == MlDomain)?.Version;
        if (mlOpset is null or < 1 or > 4)
        {
            throw new ModelLoadException($"{source}: opset_import for {MlDomain} is {(mlOpset?.ToString() ?? "missing")}; supported versions are 1 to 4.");
        }

        var graph = model.Graph ?? throw new ModelLoadException($"{source}: the model has no graph.");
        if (graph.Node.Count != 1)
        {
            var ops = string.Join(", ", graph.Node.Select(n => $"{n.Domain}.{n.OpType}"));
            throw new ModelLoadException($"{source}: graph has {graph.Node.Count} nodes ({ops}); only a single TreeEnsembleClassifier/Regressor node is supported.");
        }

        var node = graph.Node[0];
        var kind = (node.Domain, node.OpType) switch
        {
            (MlDomain, "TreeEnsembleClassifier") => TreeModelKind.Classifier,
            (MlDomain, "TreeEnsembleRegressor") => TreeModelKind.Regressor,
            _ => throw new ModelLoadException($"{source}: unsupported operator '{node.Domain}.{node.OpType}'; only ai.onnx.ml.TreeEnsembleClassifier and ai.onnx.ml.TreeEnsembleRegressor are supported."),
        };

        if (graph.Input.Count != 1 || node.Input.Count != 1 || node.Input[0] != graph.Input[0].Name)
        {
            throw new ModelLoadException($"{source}: the tree node must read the graph's single input directly.");
        }

        var featureCount = FeatureCount(source, graph.Input[0]);
        var attrs = node.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var postTransform = ReadPostTransform(source, attrs);
        var prefix = kind == TreeModelKind.Classifier ? "class" : "target";

        IReadOnlyList<long> classLabels = [];
        int targetCount;
        if (kind == TreeModelKind.Classifier)
        {
            if (attrs.ContainsKey("classlabels_strings"))
            {
                throw new ModelLoadException($"{source}: classlabels_strings is not supported; use classlabels_int64s.");
            }

            classLabels = Ints(attrs, "classlabels_int64s");
            if (classLabels.Count < 2)
            {
                throw new ModelLoadException($"{source}: classlabels_int64s must list at least two classes.");
            }

            targetCount = classLabels.Count;
        }
        else
        {
            targetCount = (int)(attrs.TryGetValue("n_targets", out var nt) ? nt.I : 1);
            if (targetCount < 1)
            {
                throw new ModelLoadException($"{source}: n_targets must be at least 1.");
            }
        }

        var weightTargets = Ints(attrs, $"{prefix}_ids");
        var binarySingleScore = kind == TreeModelKind.Classifier && targetCount == 2 && weightTargets.All(t => t == weightTargets[0]);
        if (binarySingleScore && postTransform != PostTransform.Logistic)
        {
            throw new ModelLoadException($"{source}: a two-class classifier with one score column is supported with post_transform LOGISTIC only (got {postTransform}).");
        }

        var baseValues = Doubles(source, attrs, "base_values");
        var arrays = new TreeEnsembleArrays(
            Ints(attrs, "nodes_treeids"),
            Ints(attrs, "nodes_nodeids"),
            Ints(attrs, "nodes_featureids"),
            Doubles(source, attrs, "nodes_values"),
            Strings(attrs, "nodes_modes"),
            Ints(attrs, "nodes_truenodeids"),
            Ints(attrs, "nodes_falsenodeids"),
            Ints(attrs, "nodes_missing_value_tracks_true"),
            Ints(attrs, $"{prefix}_treeids"),
            Ints(attrs, $"{prefix}_nodeids"),
            binarySingleScore ? weightTargets.Select(_ => 0L).ToArray() : weightTargets,
            Doubles(source, attrs, $"{prefix}_weights"),
            baseValues);

        var trees = TreeEnsembleBuilder.Build(
            source,
            arrays,
            featureCount,
            binarySingleScore ? 1 : targetCount,
            ReadAggregation(source, attrs));
        return new TreeEnsembleModel(kind, trees, postTransform, classLabels, binarySingleScore);
    }

    /// <summary>The model's metadata_props (key → value), e.g. feature names written by the exporter.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(byte[] bytes) =>
        ModelProto.Parser.ParseFrom(bytes).MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static int FeatureCount(string source, ValueInfoProto input)
    {
        var tensor = input.Type?.TensorType
            ?? throw new ModelLoadException($"{source}: graph input '{input.Name}' is not a tensor.");
        if (tensor.ElemType is not ((int)TensorProto.Types.DataType.Double or (int)TensorProto.Types.DataType.Float))
        {
            throw new ModelLoadException($"{source}: graph input '{input.Name}' has element type {tensor.ElemType}; double or float is required.");
        }

        var dims = tensor.Shape?.Dim;
        if (dims is null || dims.Count != 2 || dims[1].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || dims[1].DimValue < 1)
        {
            throw new ModelLoadException($"{source}: graph input '{input.Name}' must have shape [N, F] with a fixed feature count F.");
        }

        return checked((int)dims[1].DimValue);
    }

    private static PostTransform ReadPostTransform(string source, Dictionary<string, AttributeProto> attrs)
    {
        var text = attrs.TryGetValue("post_transform", out var a) ? a.S.ToStringUtf8() : "NONE";
        return text switch
        {
            "NONE" => PostTransform.None,
            "LOGISTIC" => PostTransform.Logistic,
            "SOFTMAX" => PostTransform.Softmax,
            _ => throw new ModelLoadException($"{source}: post_transform '{text}' is not supported (NONE, LOGISTIC, SOFTMAX)."),
        };
    }

    private static Aggregation ReadAggregation(string source, Dictionary<string, AttributeProto> attrs)
    {
        var text = attrs.TryGetValue("aggregate_function", out var a) ? a.S.ToStringUtf8() : "SUM";
        return text switch
        {
            "SUM" => Aggregation.Sum,
            "AVERAGE" => Aggregation.Average,
            "MIN" => Aggregation.Min,
            "MAX" => Aggregation.Max,
            _ => throw new ModelLoadException($"{source}: aggregate_function '{text}' is not supported."),
        };
    }

    private static long[] Ints(Dictionary<string, AttributeProto> attrs, string name) =>
        attrs.TryGetValue(name, out var a) ? a.Ints.ToArray() : [];

    private static string[] Strings(Dictionary<string, AttributeProto> attrs, string name) =>
        attrs.TryGetValue(name, out var a) ? a.Strings.Select(s => s.ToStringUtf8()).ToArray() : [];

    /// <summary>Reads <c>name_as_tensor</c> (double or float tensor) if present, else the float list <c>name</c>.</summary>
    private static double[] Doubles(string source, Dictionary<string, AttributeProto> attrs, string name)
    {
        if (attrs.TryGetValue(name + "_as_tensor", out var t))
        {
            if (attrs.ContainsKey(name))
            {
                throw new ModelLoadException($"{source}: both {name} and {name}_as_tensor are set.");
            }

            return TensorToDoubles(source, name + "_as_tensor", t.T);
        }

        return attrs.TryGetValue(name, out var a) ? a.Floats.Select(f => (double)f).ToArray() : [];
    }

    private static double[] TensorToDoubles(string source, string field, TensorProto? tensor)
    {
        if (tensor is null)
        {
            throw new ModelLoadException($"{source}: attribute {field} holds no tensor.");
        }

        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new ModelLoadException($"{source}: attribute {field} uses external data, which is not supported.");
        }

        var raw = tensor.RawData.Span;
        switch ((TensorProto.Types.DataType)tensor.DataType)
        {
            case TensorProto.Types.DataType.Double:
                if (raw.Length == 0)
                {
                    return tensor.DoubleData.ToArray();
                }

                if (raw.Length % 8 != 0)
                {
                    throw new ModelLoadException($"{source}: attribute {field} raw_data length {raw.Length} is not a multiple of 8.");
                }

                var d = new double[raw.Length / 8];
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice(i * 8, 8));
                }

                return d;
            case TensorProto.Types.DataType.Float:
                if (raw.Length == 0)
                {
                    return tensor.FloatData.Select(f => (double)f).ToArray();
                }

                if (raw.Length % 4 != 0)
                {
                    throw new ModelLoadException($"{source}: attribute {field} raw_data length {raw.Length} is not a multiple of 4.");
                }

                var f32 = new double[raw.Length / 4];
                for (var i = 0; i < f32.Length; i++)
                {
                    f32[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * 4, 4));
                }

                return f32;
            default:
                throw new ModelLoadException($"{source}: attribute {field} has tensor type {tensor.DataType}; double or float is required.");
        }
    }
}
