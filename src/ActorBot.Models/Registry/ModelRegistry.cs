using System.Text.Json;
using ActorBot.Domain.Models;

namespace ActorBot.Models.Registry;

/// <summary>
/// <c>models/registry/manifest.json</c>: which registry entry is <c>active</c> (its probability
/// routes trades) and which, if any, is <c>shadow</c> (scored on every event, never trades).
/// Both are loaded and checked against the feature builder's schema before anything is scored.
/// Owns both models' ONNX Runtime sessions: dispose it when the run that loaded it ends.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    public const string Format = "actorbot-model-registry/1";

    private ModelRegistry(OnnxProbabilityModel active, OnnxProbabilityModel? shadow)
    {
        Active = active;
        Shadow = shadow;
    }

    public OnnxProbabilityModel Active { get; }

    public OnnxProbabilityModel? Shadow { get; }

    public static ModelRegistry Load(string registryDirectory, FeatureSchema expected)
    {
        var manifestPath = Path.Combine(registryDirectory, "manifest.json");
        var (activeId, shadowId) = ReadManifest(manifestPath);
        var active = LoadEntry(registryDirectory, manifestPath, "active", activeId, expected);
        try
        {
            var shadow = shadowId is null ? null : LoadEntry(registryDirectory, manifestPath, "shadow", shadowId, expected);
            return new ModelRegistry(active, shadow);
        }
        catch
        {
            active.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Active.Dispose();
        Shadow?.Dispose();
    }

    public static (string Active, string? Shadow) ReadManifest(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new ModelLoadException($"{manifestPath}: file not found.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var f) || f.GetString() != Format)
            {
                throw new ModelLoadException($"{manifestPath}: field 'format' must be '{Format}'.");
            }

            if (!root.TryGetProperty("active", out var a) || a.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(a.GetString()))
            {
                throw new ModelLoadException($"{manifestPath}: field 'active' must name a registry entry.");
            }

            string? shadow = null;
            if (root.TryGetProperty("shadow", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                shadow = s.ValueKind == JsonValueKind.String ? s.GetString() : throw new ModelLoadException($"{manifestPath}: field 'shadow' must be a string or null.");
            }

            return (a.GetString()!, shadow);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{manifestPath}: not valid JSON ({ex.Message}).", ex);
        }
    }

    private static OnnxProbabilityModel LoadEntry(string registryDirectory, string manifestPath, string slot, string id, FeatureSchema expected)
    {
        if (id.Contains('/') || id.Contains('\\') || id.Contains(".."))
        {
            throw new ModelLoadException($"{manifestPath}: field '{slot}' ('{id}') is not a plain registry id.");
        }

        var dir = Path.Combine(registryDirectory, id);
        if (!Directory.Exists(dir))
        {
            throw new ModelLoadException($"{manifestPath}: field '{slot}' names '{id}', but {dir} does not exist.");
        }

        var model = ModelLoader.LoadDirectory(dir);
        try
        {
            if (model.Id != id)
            {
                throw new ModelLoadException($"{Path.Combine(dir, "model.json")}: field 'id' is '{model.Id}' but the directory is '{id}'.");
            }

            model.RequireSchema(expected);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
