using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ActorBot.Models.Onnx;

/// <summary>
/// What a classifier session takes and gives, read from its metadata: one [N, F] float or double input
/// tensor, and a [N, C] float or double probability tensor (sklearn-onnx's <c>probabilities</c> with
/// <c>zipmap=False</c>). Anything else is refused, because a model we cannot feed or read unambiguously
/// must not trade.
/// </summary>
public sealed record OnnxSignature(
    string InputName,
    TensorElementType InputType,
    int FeatureCount,
    string ProbabilityOutput,
    TensorElementType ProbabilityType,
    int ClassCount)
{
    private const string ProbabilitiesName = "probabilities";

    public override string ToString() =>
        $"{InputName}[N,{FeatureCount}] {Name(InputType)} -> {ProbabilityOutput}[N,{ClassCount}] {Name(ProbabilityType)}";

    public static OnnxSignature Read(string source, InferenceSession session)
    {
        var (inputName, inputType, features) = ReadInput(source, session.InputMetadata);
        var (outputName, outputType, classes) = ReadProbabilities(source, session.OutputMetadata);
        return new OnnxSignature(inputName, inputType, features, outputName, outputType, classes);
    }

    private static (string Name, TensorElementType Type, int Features) ReadInput(string source, IReadOnlyDictionary<string, NodeMetadata> inputs)
    {
        if (inputs.Count != 1)
        {
            throw new ModelLoadException(
                $"{source}: the model has {inputs.Count} inputs ({string.Join(", ", inputs.Keys)}); exactly one [N, F] float or double tensor is supported.");
        }

        var (name, meta) = inputs.Single();
        if (!meta.IsTensor)
        {
            throw new ModelLoadException($"{source}: input '{name}' is {meta.OnnxValueType}, not a tensor.");
        }

        if (!IsReal(meta.ElementDataType))
        {
            throw new ModelLoadException($"{source}: input '{name}' has element type {meta.ElementDataType}; double or float is required.");
        }

        if (meta.Dimensions is not [-1 or 1, >= 1])
        {
            throw new ModelLoadException(
                $"{source}: input '{name}' has shape {Shape(meta)}; [N, F] with a fixed feature count F is required.");
        }

        return (name, meta.ElementDataType, meta.Dimensions[1]);
    }

    private static (string Name, TensorElementType Type, int Classes) ReadProbabilities(string source, IReadOnlyDictionary<string, NodeMetadata> outputs)
    {
        var candidates = outputs
            .Where(o => o.Value.IsTensor && IsReal(o.Value.ElementDataType) && o.Value.Dimensions is [-1 or 1, >= 2])
            .ToList();
        if (candidates.Count > 1)
        {
            candidates = candidates.Where(c => c.Key == ProbabilitiesName).ToList();
            if (candidates.Count != 1)
            {
                throw new ModelLoadException(
                    $"{source}: several outputs look like [N, C] probabilities ({Describe(outputs)}) and none is named '{ProbabilitiesName}'.");
            }
        }

        if (candidates.Count == 0)
        {
            var zipMap = outputs.FirstOrDefault(o => !o.Value.IsTensor);
            throw new ModelLoadException(zipMap.Key is null
                ? $"{source}: no output is a [N, C] float or double probability tensor ({Describe(outputs)})."
                : $"{source}: output '{zipMap.Key}' is {zipMap.Value.OnnxValueType} (a ZipMap?) and no output is a [N, C] probability tensor; " +
                  "export the classifier with zipmap=False.");
        }

        var (name, meta) = candidates[0];
        return (name, meta.ElementDataType, meta.Dimensions[1]);
    }

    private static bool IsReal(TensorElementType t) => t is TensorElementType.Float or TensorElementType.Double;

    private static string Name(TensorElementType t) => t.ToString().ToLowerInvariant();

    private static string Shape(NodeMetadata meta) =>
        "[" + string.Join(", ", meta.Dimensions.Select((d, i) => d >= 0
            ? d.ToString(CultureInfo.InvariantCulture)
            : string.IsNullOrEmpty(meta.SymbolicDimensions.ElementAtOrDefault(i)) ? "?" : meta.SymbolicDimensions[i])) + "]";

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> values) =>
        string.Join(", ", values.Select(v => v.Value.IsTensor
            ? $"{v.Key}: {v.Value.ElementDataType} {Shape(v.Value)}"
            : $"{v.Key}: {v.Value.OnnxValueType}"));
}
