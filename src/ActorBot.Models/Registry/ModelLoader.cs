using System.Security.Cryptography;
using ActorBot.Domain.Models;
using ActorBot.Models.Onnx;
using ActorBot.Models.Trees;

namespace ActorBot.Models.Registry;

/// <summary>
/// Loads one registry entry (<c>&lt;dir&gt;/model.json</c> + the ONNX file it names) and checks
/// everything that can be checked before the model is allowed to score: the file hash, the declared
/// schema hash against the names, the names against the ONNX metadata, and the feature count
/// against the ONNX input shape.
/// </summary>
public static class ModelLoader
{
    public static OnnxProbabilityModel LoadDirectory(string directory)
    {
        var jsonPath = Path.Combine(directory, "model.json");
        if (!File.Exists(jsonPath))
        {
            throw new ModelLoadException($"{jsonPath}: file not found.");
        }

        var descriptor = ModelDescriptor.Parse(jsonPath, File.ReadAllText(jsonPath));
        var onnxPath = Path.Combine(directory, descriptor.OnnxPath);
        if (!File.Exists(onnxPath))
        {
            throw new ModelLoadException($"{jsonPath}: field 'onnx.path' names {onnxPath}, which does not exist.");
        }

        var bytes = File.ReadAllBytes(onnxPath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha, descriptor.OnnxSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException($"{jsonPath}: field 'onnx.sha256' is {descriptor.OnnxSha256} but {onnxPath} hashes to {sha}.");
        }

        return Create(jsonPath, descriptor, onnxPath, bytes, directory);
    }

    /// <summary>Loads a bare ONNX file whose metadata lists its feature names (as our exporter writes them).</summary>
    public static OnnxProbabilityModel LoadOnnxFile(string onnxPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(onnxPath))!;
        var sibling = Path.Combine(directory, "model.json");
        if (File.Exists(sibling))
        {
            var model = LoadDirectory(directory);
            if (Path.GetFullPath(Path.Combine(directory, model.Descriptor.OnnxPath)) == Path.GetFullPath(onnxPath))
            {
                return model;
            }
        }

        var bytes = File.ReadAllBytes(onnxPath);
        var metadata = OnnxTreeModelReader.ReadMetadata(bytes);
        if (!metadata.TryGetValue("feature_names", out var names))
        {
            throw new ModelLoadException($"{onnxPath}: no model.json next to it and no 'feature_names' metadata, so the feature order is unknown.");
        }

        var list = names.Split(',');
        var descriptor = new ModelDescriptor(
            Path.GetFileNameWithoutExtension(onnxPath), Path.GetFileName(onnxPath), string.Empty, list,
            FeatureSchema.ComputeHash(list), ModelDescriptor.Float32NanToZero, 1, 0.0, [], "unknown",
            new Dictionary<string, string>());
        return Create(onnxPath, descriptor, onnxPath, bytes, directory);
    }

    private static OnnxProbabilityModel Create(string source, ModelDescriptor descriptor, string onnxPath, byte[] bytes, string directory)
    {
        if (descriptor.InputEncoding != ModelDescriptor.Float32NanToZero)
        {
            throw new ModelLoadException($"{source}: field 'input_encoding' is '{descriptor.InputEncoding}'; only '{ModelDescriptor.Float32NanToZero}' is implemented.");
        }

        var computed = FeatureSchema.ComputeHash(descriptor.FeatureNames);
        if (computed != descriptor.SchemaHash)
        {
            throw new ModelLoadException($"{source}: field 'schema_hash' is {descriptor.SchemaHash} but the feature names hash to {computed}.");
        }

        var metadata = OnnxTreeModelReader.ReadMetadata(bytes);
        if (metadata.TryGetValue("feature_names", out var onnxNames) && onnxNames != string.Join(',', descriptor.FeatureNames))
        {
            throw new ModelLoadException($"{source}: feature_names differ from the 'feature_names' metadata inside {onnxPath}.");
        }

        var model = OnnxTreeModelReader.Read(onnxPath, bytes);
        if (model.Trees.FeatureCount != descriptor.FeatureNames.Count)
        {
            throw new ModelLoadException($"{source}: lists {descriptor.FeatureNames.Count} features but {onnxPath} takes {model.Trees.FeatureCount}.");
        }

        if (model.Kind != TreeModelKind.Classifier || descriptor.PositiveClassIndex < 0 || descriptor.PositiveClassIndex >= model.OutputCount)
        {
            throw new ModelLoadException($"{source}: field 'positive_class_index' ({descriptor.PositiveClassIndex}) does not name an output of a classifier with {model.OutputCount} classes.");
        }

        return new OnnxProbabilityModel(descriptor, model, directory);
    }
}
