using Google.Protobuf;
using Onnx;

namespace ActorBot.Domain.Tests.Models;

/// <summary>Builds small ONNX tree models in memory with the generated protobuf classes.</summary>
internal static class TinyOnnx
{
    public static AttributeProto Ints(string name, params long[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(v);
        return a;
    }

    public static AttributeProto Floats(string name, params float[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        a.Floats.AddRange(v);
        return a;
    }

    public static AttributeProto DoubleTensor(string name, params double[] v)
    {
        var t = new TensorProto { DataType = (int)TensorProto.Types.DataType.Double };
        t.Dims.Add(v.Length);
        t.DoubleData.AddRange(v);
        return new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t };
    }

    public static AttributeProto Strings(string name, params string[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        a.Strings.AddRange(v.Select(ByteString.CopyFromUtf8));
        return a;
    }

    public static AttributeProto Str(string name, string v) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(v) };

    public static byte[] Model(string opType, int features, IEnumerable<AttributeProto> attributes, long mlOpset = 3)
    {
        var node = new NodeProto { OpType = opType, Domain = "ai.onnx.ml" };
        node.Input.Add("input");
        node.Output.Add("out");
        node.Attribute.AddRange(attributes);
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        var graph = new GraphProto { Name = "g" };
        graph.Node.Add(node);
        graph.Input.Add(new ValueInfoProto
        {
            Name = "input",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Double, Shape = shape } },
        });
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = mlOpset });
        return model.ToByteArray();
    }

    /// <summary>
    /// One tree, one split on feature 0 with the given mode and threshold 1.0; true leaf scores +1,
    /// false leaf −1 (regressor). missingTrue sets nodes_missing_value_tracks_true on the split.
    /// </summary>
    public static byte[] OneSplitRegressor(string mode, bool missingTrue, string? postTransform = null)
    {
        var attrs = new List<AttributeProto>
        {
            Ints("nodes_treeids", 0, 0, 0),
            Ints("nodes_nodeids", 0, 1, 2),
            Ints("nodes_featureids", 0, 0, 0),
            DoubleTensor("nodes_values_as_tensor", 1.0, 0, 0),
            Strings("nodes_modes", mode, "LEAF", "LEAF"),
            Ints("nodes_truenodeids", 1, 0, 0),
            Ints("nodes_falsenodeids", 2, 0, 0),
            Ints("nodes_missing_value_tracks_true", missingTrue ? 1 : 0, 0, 0),
            Ints("target_treeids", 0, 0),
            Ints("target_nodeids", 1, 2),
            Ints("target_ids", 0, 0),
            DoubleTensor("target_weights_as_tensor", 1.0, -1.0),
            new AttributeProto { Name = "n_targets", Type = AttributeProto.Types.AttributeType.Int, I = 1 },
        };
        if (postTransform is not null)
        {
            attrs.Add(Str("post_transform", postTransform));
        }

        return Model("TreeEnsembleRegressor", 2, attrs);
    }
}
