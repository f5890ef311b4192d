using ActorBot.Domain.Models;
using ActorBot.Models.Trees;

namespace ActorBot.Models.Registry;

/// <summary>
/// A registry model ready to score: the ONNX tree ensemble plus its descriptor. Applies the input
/// contract (<see cref="ModelInputEncoding"/>) itself, so no caller can feed unrounded values.
/// </summary>
public sealed class OnnxProbabilityModel : IProbabilityModel
{
    public OnnxProbabilityModel(ModelDescriptor descriptor, TreeEnsembleModel model, string directory)
    {
        Descriptor = descriptor;
        Model = model;
        Directory = directory;
        Schema = new FeatureSchema(descriptor.FeatureNames);
    }

    public string Id => Descriptor.Id;

    public ModelDescriptor Descriptor { get; }

    public TreeEnsembleModel Model { get; }

    public string Directory { get; }

    public FeatureSchema Schema { get; }

    public double PredictProbability(ReadOnlySpan<double> rawFeatures)
    {
        Span<double> encoded = rawFeatures.Length <= 128 ? stackalloc double[rawFeatures.Length] : new double[rawFeatures.Length];
        ModelInputEncoding.Encode(rawFeatures, encoded);
        Span<double> output = stackalloc double[Model.OutputCount];
        Model.Predict(encoded, output);
        return output[Descriptor.PositiveClassIndex];
    }

    /// <summary>Refuses a caller whose feature vector was built for a different schema.</summary>
    public void RequireSchema(FeatureSchema expected)
    {
        if (expected.Hash != Schema.Hash)
        {
            throw new ModelLoadException(
                $"{Path.Combine(Directory, "model.json")}: schema hash {Schema.Hash} does not match the feature builder's {expected.Hash} " +
                $"(model features: {string.Join(',', Schema.Names)}; builder features: {string.Join(',', expected.Names)}).");
        }
    }
}
