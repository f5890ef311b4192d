using System.Security.Cryptography;
using ActorBot.Domain.Models;
using ActorBot.Models.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace ActorBot.Models.Registry;

/// <summary>
/// Loads one registry entry (<c>&lt;dir&gt;/model.json</c> + the ONNX file it names) into an ONNX Runtime
/// session and checks everything that can be checked before the model is allowed to score: the file
/// hash, the declared schema hash against the names, the names against the ONNX <c>feature_names</c>
/// metadata, the feature count against the input shape, and the positive class against the
/// probability output. The caller owns (and disposes) the returned model.
/// </summary>
public static class ModelLoader
{
    public const string FeatureNamesKey = "feature_names";

    /// <summary>Reads and parses <c>&lt;dir&gt;/model.json</c> only (no session), e.g. for decile cut points.</summary>
    public static ModelDescriptor ReadDescriptor(string directory)
    {
        var jsonPath = Path.Combine(directory, "model.json");
        if (!File.Exists(jsonPath))
        {
            throw new ModelLoadException($"{jsonPath}: file not found.");
        }

        return ModelDescriptor.Parse(jsonPath, File.ReadAllText(jsonPath));
    }

    public static OnnxProbabilityModel LoadDirectory(string directory)
    {
        var jsonPath = Path.Combine(directory, "model.json");
        var descriptor = ReadDescriptor(directory);
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

        CheckDescriptor(jsonPath, descriptor);
        return Create(jsonPath, descriptor, onnxPath, OnnxSessions.Open(onnxPath, bytes), directory);
    }

    /// <summary>Loads a bare ONNX file whose metadata lists its feature names (as our exporters write them).</summary>
    public static OnnxProbabilityModel LoadOnnxFile(string onnxPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(onnxPath))!;
        if (File.Exists(Path.Combine(directory, "model.json"))
            && Path.GetFullPath(Path.Combine(directory, ReadDescriptor(directory).OnnxPath)) == Path.GetFullPath(onnxPath))
        {
            return LoadDirectory(directory);
        }

        if (!File.Exists(onnxPath))
        {
            throw new ModelLoadException($"{onnxPath}: file not found.");
        }

        var session = OnnxSessions.Open(onnxPath, File.ReadAllBytes(onnxPath));
        if (!session.ModelMetadata.CustomMetadataMap.TryGetValue(FeatureNamesKey, out var names))
        {
            session.Dispose();
            throw new ModelLoadException($"{onnxPath}: no model.json next to it and no '{FeatureNamesKey}' metadata, so the feature order is unknown.");
        }

        var list = names.Split(',');
        var descriptor = new ModelDescriptor(
            Path.GetFileNameWithoutExtension(onnxPath), Path.GetFileName(onnxPath), string.Empty, list,
            FeatureSchema.ComputeHash(list), ModelDescriptor.Float32NanToZero, 1, 0.0, [], "unknown",
            new Dictionary<string, string>());
        return Create(onnxPath, descriptor, onnxPath, session, directory);
    }

    /// <summary>The checks that need only model.json: input encoding and the declared schema hash.</summary>
    private static void CheckDescriptor(string source, ModelDescriptor descriptor)
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
    }

    /// <summary>Checks the session against the descriptor; on success the model owns the session, on failure it is disposed.</summary>
    private static OnnxProbabilityModel Create(string source, ModelDescriptor descriptor, string onnxPath, InferenceSession session, string directory)
    {
        try
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            if (!metadata.TryGetValue(FeatureNamesKey, out var onnxNames))
            {
                throw new ModelLoadException($"{source}: {onnxPath} has no '{FeatureNamesKey}' metadata, so its feature order cannot be checked against feature_names.");
            }

            if (onnxNames != string.Join(',', descriptor.FeatureNames))
            {
                throw new ModelLoadException($"{source}: feature_names differ from the '{FeatureNamesKey}' metadata inside {onnxPath}.");
            }

            var signature = OnnxSignature.Read(onnxPath, session);
            if (signature.FeatureCount != descriptor.FeatureNames.Count)
            {
                throw new ModelLoadException($"{source}: lists {descriptor.FeatureNames.Count} features but {onnxPath} takes {signature.FeatureCount} ({signature}).");
            }

            if (descriptor.PositiveClassIndex < 0 || descriptor.PositiveClassIndex >= signature.ClassCount)
            {
                throw new ModelLoadException($"{source}: field 'positive_class_index' ({descriptor.PositiveClassIndex}) does not name a column of {onnxPath}'s output '{signature.ProbabilityOutput}' with {signature.ClassCount} classes.");
            }

            return new OnnxProbabilityModel(descriptor, new OnnxScorer(session, signature), directory);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
