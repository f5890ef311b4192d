using System.Security.Cryptography;
using System.Text.Json;
using ActorBot.Domain.Models;
using ActorBot.Models;
using ActorBot.Models.Registry;

namespace ActorBot.Domain.Tests.Models;

/// <summary>
/// What ONNX Runtime loads but we must not score, and what it cannot load at all: each is refused at
/// load with a <see cref="ModelLoadException"/> naming the file and the problem. Models are built in
/// memory (<see cref="TinyOnnx"/>) and written as registry entries with a correct sha256 and schema hash,
/// so the refusal comes from the ONNX checks, not the earlier ones.
/// </summary>
public sealed class OnnxModelRefusalTests : IDisposable
{
    private static readonly Dictionary<string, string> s_names = new() { ["feature_names"] = string.Join(',', ModelVectors.FeatureNames) };
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "actorbot-onnx-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact(DisplayName = "A well-formed tree classifier loads; p is the declared probability column named by positive_class_index")]
    public void TinyClassifierScores()
    {
        var bytes = TinyOnnx.Classifier(new TinyOnnx.Options { Metadata = s_names });
        using var positive = ModelLoader.LoadDirectory(WriteEntry("tiny1", bytes, positiveClass: 1));
        using var negative = ModelLoader.LoadDirectory(WriteEntry("tiny0", bytes, positiveClass: 0));
        positive.Signature.ToString().Should().Be("input[N,24] double -> probabilities[N,2] float");
        var low = new double[24];
        var high = new double[24];
        high[0] = 1.0;
        // ORT's logistic is float32: within one float32 ulp (2^-24 near 0.27 is 3e-8) of σ(∓1).
        positive.PredictProbability(low).Should().BeApproximately(1 / (1 + Math.Exp(1)), 6e-8);
        positive.PredictProbability(high).Should().BeApproximately(1 / (1 + Math.Exp(-1)), 6e-8);
        Math.Abs(negative.PredictProbability(high) + positive.PredictProbability(high) - 1).Should().BeLessThan(1e-7);
    }

    [Fact(DisplayName = "A float input tensor is read from the metadata and fed float32 values")]
    public void FloatInputScores()
    {
        var bytes = TinyOnnx.Classifier(new TinyOnnx.Options { InputType = TinyOnnx.Float, Metadata = s_names });
        using var model = ModelLoader.LoadDirectory(WriteEntry("tinyf", bytes));
        model.Signature.ToString().Should().Be("input[N,24] float -> probabilities[N,2] float");
        var x = new double[24];
        x[0] = 0.75;
        model.PredictProbability(x).Should().BeApproximately(1 / (1 + Math.Exp(-1)), 6e-8);
    }

    [Fact(DisplayName = "An int64 input is refused: double or float is required")]
    public void WrongInputTypeRefused() =>
        Refused(new TinyOnnx.Options { InputType = TinyOnnx.Int64, Metadata = s_names }, "*model.onnx: input 'input' has element type Int64; double or float is required.");

    [Fact(DisplayName = "A second graph input is refused: exactly one input tensor is supported")]
    public void TwoInputsRefused() =>
        Refused(new TinyOnnx.Options { ExtraInput = true, Metadata = s_names }, "*model.onnx: the model has 2 inputs (*); exactly one [N, F]*");

    [Fact(DisplayName = "An input of 23 features against 24 feature names is refused, naming both counts")]
    public void WrongFeatureCountRefused() =>
        Refused(new TinyOnnx.Options { Features = 23, Metadata = s_names }, "*model.json: lists 24 features but *model.onnx takes 23*");

    [Fact(DisplayName = "An input without a fixed feature dimension is refused")]
    public void SymbolicFeatureDimensionRefused() =>
        Refused(new TinyOnnx.Options { InputShape = ["N", "F"], Metadata = s_names }, "*input 'input' has shape [N, F]; [N, F] with a fixed feature count F is required.");

    [Fact(DisplayName = "A ZipMap output (sequence of maps) is refused with the export option that avoids it")]
    public void ZipMapRefused() =>
        Refused(new TinyOnnx.Options { ZipMap = true, Metadata = s_names }, "*output 'output_probability' is ONNX_TYPE_SEQUENCE*zipmap=False*");

    [Fact(DisplayName = "An ONNX file without feature_names metadata is refused: its feature order cannot be checked")]
    public void MissingMetadataRefused()
    {
        Refused(new TinyOnnx.Options(), "*model.json: *model.onnx has no 'feature_names' metadata*");
        var bare = Path.Combine(_temp, "bare", "m.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
        File.WriteAllBytes(bare, TinyOnnx.Classifier(new TinyOnnx.Options()));
        var act = () => ModelLoader.LoadOnnxFile(bare);
        act.Should().Throw<ModelLoadException>().WithMessage("*m.onnx: no model.json next to it and no 'feature_names' metadata*");
    }

    [Fact(DisplayName = "A corrupt ONNX file whose sha256 matches model.json is refused with ONNX Runtime's reason")]
    public void CorruptFileRefused()
    {
        var dir = WriteEntry("junk", [0x08, 0x07, 0xFF, 0xFF, 0xFF, 0x01, 0x3A]);
        var act = () => ModelLoader.LoadDirectory(dir);
        act.Should().Throw<ModelLoadException>().WithMessage($"{Path.Combine(dir, "model.onnx")}: ONNX Runtime cannot load the model (*")
            .WithInnerException<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>();
    }

    [Fact(DisplayName = "positive_class_index outside the probability output's columns is refused")]
    public void PositiveClassOutOfRangeRefused()
    {
        var dir = WriteEntry("tiny2", TinyOnnx.Classifier(new TinyOnnx.Options { Metadata = s_names }), positiveClass: 2);
        var act = () => ModelLoader.LoadDirectory(dir);
        act.Should().Throw<ModelLoadException>().WithMessage("*field 'positive_class_index' (2) does not name a column of *output 'probabilities' with 2 classes.");
    }

    private void Refused(TinyOnnx.Options options, string message)
    {
        var dir = WriteEntry("bad", TinyOnnx.Classifier(options));
        var act = () => ModelLoader.LoadDirectory(dir);
        act.Should().Throw<ModelLoadException>().WithMessage(message);
    }

    /// <summary>Writes &lt;temp&gt;/&lt;id&gt;/model.onnx and a model.json whose hashes match it.</summary>
    private string WriteEntry(string id, byte[] onnx, int positiveClass = 1)
    {
        var dir = Path.Combine(_temp, id);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), onnx);
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["format"] = ModelDescriptor.Format,
            ["id"] = id,
            ["onnx"] = new Dictionary<string, string> { ["path"] = "model.onnx", ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(onnx)) },
            ["feature_names"] = ModelVectors.FeatureNames,
            ["schema_hash"] = FeatureSchema.ComputeHash(ModelVectors.FeatureNames),
            ["input_encoding"] = ModelDescriptor.Float32NanToZero,
            ["positive_class_index"] = positiveClass,
            ["thresholds"] = new Dictionary<string, double> { ["min_prob"] = 0.5 },
            ["label"] = "test",
        });
        File.WriteAllText(Path.Combine(dir, "model.json"), json);
        return dir;
    }
}
