using ActorBot.Domain.Models;
using ActorBot.Models.Onnx;

namespace ActorBot.Models.Registry;

/// <summary>
/// A registry model ready to score: its descriptor plus an ONNX Runtime session. Applies the input
/// contract (<see cref="ModelInputEncoding"/>) itself, so no caller can feed unrounded values.
/// Thread-safe; owns the session, so dispose it when the run that loaded it ends.
/// </summary>
public sealed class OnnxProbabilityModel : IProbabilityModel, IDisposable
{
    private readonly OnnxScorer _scorer;

    /// <summary>Takes ownership of <paramref name="scorer"/>.</summary>
    public OnnxProbabilityModel(ModelDescriptor descriptor, OnnxScorer scorer, string directory)
    {
        Descriptor = descriptor;
        _scorer = scorer;
        Directory = directory;
        Schema = new FeatureSchema(descriptor.FeatureNames);
    }

    public string Id => Descriptor.Id;

    public ModelDescriptor Descriptor { get; }

    /// <summary>Input and probability output as ONNX Runtime reads them from the file.</summary>
    public OnnxSignature Signature => _scorer.Signature;

    /// <summary>The ONNX file's custom metadata (<c>metadata_props</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _scorer.Metadata;

    public string Directory { get; }

    public FeatureSchema Schema { get; }

    public double PredictProbability(ReadOnlySpan<double> rawFeatures)
    {
        Span<double> encoded = rawFeatures.Length <= 128 ? stackalloc double[rawFeatures.Length] : new double[rawFeatures.Length];
        ModelInputEncoding.Encode(rawFeatures, encoded);
        return _scorer.Score(encoded, Descriptor.PositiveClassIndex);
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

    public void Dispose() => _scorer.Dispose();
}
