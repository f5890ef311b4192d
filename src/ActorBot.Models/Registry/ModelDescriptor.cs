using System.Text.Json;

namespace ActorBot.Models.Registry;

/// <summary>
/// The contents of a registry entry's <c>model.json</c>: which ONNX file, its hash, the ordered
/// feature names and their schema hash, the input encoding, the routing threshold the model was
/// shipped with, and free-form provenance. See models/README.md for the format.
/// </summary>
public sealed record ModelDescriptor(
    string Id,
    string OnnxPath,
    string OnnxSha256,
    IReadOnlyList<string> FeatureNames,
    string SchemaHash,
    string InputEncoding,
    int PositiveClassIndex,
    double MinProb,
    IReadOnlyList<double> EvalThresholds,
    string Label,
    IReadOnlyDictionary<string, string> Provenance)
{
    /// <summary>Fixed decile cut points for causal mode (feature name → nine ascending values); empty if the model has none.</summary>
    public IReadOnlyDictionary<string, double[]> DecileCutPoints { get; init; } = new Dictionary<string, double[]>();

    public const string Format = "actorbot-model/1";

    /// <summary>The only input encoding we implement: SPEC §7.1 (float32 round, NaN → 0).</summary>
    public const string Float32NanToZero = "float32-round-nearest-even-then-nan-to-zero";

    public static ModelDescriptor Parse(string source, string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{source}: not valid JSON ({ex.Message}).", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            var format = Str(source, root, "format");
            if (format != Format)
            {
                throw new ModelLoadException($"{source}: field 'format' is '{format}', expected '{Format}'.");
            }

            var onnx = Obj(source, root, "onnx");
            var thresholds = Obj(source, root, "thresholds");
            var names = Arr(source, root, "feature_names").Select(e => e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : throw new ModelLoadException($"{source}: field 'feature_names' must hold strings only.")).ToArray();
            var provenance = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("provenance", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var prop in p.EnumerateObject())
                {
                    provenance[prop.Name] = prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString()! : prop.Value.GetRawText();
                }
            }

            var cuts = new Dictionary<string, double[]>(StringComparer.Ordinal);
            if (root.TryGetProperty("decile_cut_points", out var dc) && dc.ValueKind == JsonValueKind.Object)
            {
                foreach (var prop in dc.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
                {
                    var values = prop.Value.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number
                        ? x.GetDouble()
                        : throw new ModelLoadException($"{source}: field 'decile_cut_points.{prop.Name}' must hold numbers only.")).ToArray();
                    if (values.Length != 9 || values.Zip(values.Skip(1)).Any(pair => pair.Second < pair.First))
                    {
                        throw new ModelLoadException($"{source}: field 'decile_cut_points.{prop.Name}' must hold nine ascending numbers.");
                    }

                    cuts[prop.Name] = values;
                }
            }

            return new ModelDescriptor(
                Str(source, root, "id"),
                Str(source, onnx, "path"),
                Str(source, onnx, "sha256"),
                names,
                Str(source, root, "schema_hash"),
                Str(source, root, "input_encoding"),
                (int)Num(source, root, "positive_class_index"),
                Num(source, thresholds, "min_prob"),
                thresholds.TryGetProperty("research_eval", out var ev) && ev.ValueKind == JsonValueKind.Array
                    ? ev.EnumerateArray().Select(x => x.GetDouble()).ToArray()
                    : [],
                Str(source, root, "label"),
                provenance)
            {
                DecileCutPoints = cuts,
            };
        }
    }

    private static string Str(string source, JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new ModelLoadException($"{source}: field '{name}' is missing or not a string.");

    private static double Num(string source, JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new ModelLoadException($"{source}: field '{name}' is missing or not a number.");

    private static JsonElement Obj(string source, JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            ? v.Clone()
            : throw new ModelLoadException($"{source}: field '{name}' is missing or not an object.");

    private static JsonElement[] Arr(string source, JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.Clone()).ToArray()
            : throw new ModelLoadException($"{source}: field '{name}' is missing or not an array.");
}
