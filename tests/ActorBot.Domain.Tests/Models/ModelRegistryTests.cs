using ActorBot.Domain.Models;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models;
using ActorBot.Models.Registry;

namespace ActorBot.Domain.Tests.Models;

public sealed class ModelRegistryTests : IDisposable
{
    private const string FrozenId = "snap_hgb_2024_btc_agg";
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "actorbot-registry-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact(DisplayName = "The committed registry loads with the frozen research model active and checks the builder's schema")]
    public void CommittedRegistryLoads()
    {
        using var registry = ModelRegistry.Load(TestData.RegistryDir, new FeatureSchema(ModelVectors.FeatureNames));
        registry.Active.Id.Should().Be(FrozenId);
        registry.Active.Descriptor.MinProb.Should().Be(0.0);
        registry.Active.Descriptor.EvalThresholds.Should().Equal(0.3, 0.4, 0.5, 0.6);
    }

    [Fact(DisplayName = "A feature builder with a different schema is refused, naming both hashes")]
    public void SchemaMismatchRefused()
    {
        var names = ModelVectors.FeatureNames.ToArray();
        (names[1], names[2]) = (names[2], names[1]);
        var act = () => ModelRegistry.Load(TestData.RegistryDir, new FeatureSchema(names));
        act.Should().Throw<ModelLoadException>().WithMessage("*schema hash 85c54872*does not match the feature builder's*");
    }

    [Fact(DisplayName = "A model.json whose schema_hash does not hash its feature names is refused at load")]
    public void DeclaredHashMismatchRefused()
    {
        var dir = CopyEntry(FrozenId);
        Edit(dir, "model.json", "85c548726789029ccbd439903b4fa4b17f2342ebc57da9f18234e0dc72464d23", new string('0', 64));
        var act = () => ModelLoader.LoadDirectory(dir);
        act.Should().Throw<ModelLoadException>().WithMessage("*model.json: field 'schema_hash' is 0000*but the feature names hash to 85c54872*");
    }

    [Fact(DisplayName = "An ONNX file that does not match model.json's sha256 is refused at load")]
    public void FileHashMismatchRefused()
    {
        var dir = CopyEntry(FrozenId);
        var onnx = Path.Combine(dir, "model.onnx");
        var bytes = File.ReadAllBytes(onnx);
        bytes[^1] ^= 1;
        File.WriteAllBytes(onnx, bytes);
        var act = () => ModelLoader.LoadDirectory(dir);
        act.Should().Throw<ModelLoadException>().WithMessage("*field 'onnx.sha256'*hashes to*");
    }

    [Fact(DisplayName = "Feature names that disagree with the ONNX file's own metadata are refused even with a consistent hash")]
    public void MetadataMismatchRefused()
    {
        var dir = CopyEntry(FrozenId);
        Edit(dir, "model.json", "\"rel_vol_decile\"", "\"rel_vol_decile_x\"");
        var names = ModelVectors.FeatureNames.ToArray();
        names[^1] = "rel_vol_decile_x";
        Edit(dir, "model.json", "85c548726789029ccbd439903b4fa4b17f2342ebc57da9f18234e0dc72464d23", FeatureSchema.ComputeHash(names));
        var act = () => ModelLoader.LoadDirectory(dir);
        act.Should().Throw<ModelLoadException>().WithMessage("*feature_names differ from the 'feature_names' metadata*");
    }

    [Fact(DisplayName = "A manifest naming a missing model or a path outside the registry is refused")]
    public void BadManifestRefused()
    {
        Directory.CreateDirectory(_temp);
        var expected = new FeatureSchema(ModelVectors.FeatureNames);
        File.WriteAllText(Path.Combine(_temp, "manifest.json"), "{\"format\":\"actorbot-model-registry/1\",\"active\":\"nope\",\"shadow\":null}");
        var missing = () => ModelRegistry.Load(_temp, expected);
        missing.Should().Throw<ModelLoadException>().WithMessage("*field 'active' names 'nope'*does not exist*");
        File.WriteAllText(Path.Combine(_temp, "manifest.json"), "{\"format\":\"actorbot-model-registry/1\",\"active\":\"../x\"}");
        var escape = () => ModelRegistry.Load(_temp, expected);
        escape.Should().Throw<ModelLoadException>().WithMessage("*not a plain registry id*");
        File.WriteAllText(Path.Combine(_temp, "manifest.json"), "{not json");
        var junk = () => ModelRegistry.Load(_temp, expected);
        junk.Should().Throw<ModelLoadException>().WithMessage("*manifest.json: not valid JSON*");
    }

    [Fact(DisplayName = "A shadow slot loads a second model alongside the active one")]
    public void ShadowSlotLoads()
    {
        CopyEntry(FrozenId);
        var shadowDir = CopyEntry(FrozenId, "frozen_copy");
        Edit(shadowDir, "model.json", "\"id\": \"snap_hgb_2024_btc_agg\"", "\"id\": \"frozen_copy\"");
        File.WriteAllText(Path.Combine(_temp, "manifest.json"), "{\"format\":\"actorbot-model-registry/1\",\"active\":\"snap_hgb_2024_btc_agg\",\"shadow\":\"frozen_copy\"}");
        using var registry = ModelRegistry.Load(_temp, new FeatureSchema(ModelVectors.FeatureNames));
        registry.Shadow!.Id.Should().Be("frozen_copy");
        var v = ModelVectors.All[3];
        registry.Shadow.PredictProbability(v.Inputs).Should().Be(registry.Active.PredictProbability(v.Inputs));
    }

    [Fact(DisplayName = "Decile cut points that are not nine ascending numbers are refused; a model without them cannot serve causal mode")]
    public void CutPointValidation()
    {
        var dir = CopyEntry(FrozenId);
        Edit(dir, "model.json", "\"rel_vol\": [", "\"rel_vol\": [99.0, ");
        var act = () => ModelLoader.LoadDirectory(dir);
        act.Should().Throw<ModelLoadException>().WithMessage("*decile_cut_points.rel_vol' must hold nine ascending numbers.");

        using var frozen = ModelLoader.LoadDirectory(Path.Combine(TestData.RegistryDir, FrozenId));
        var stripped = frozen.Descriptor with { DecileCutPoints = new Dictionary<string, double[]>() };
        var cuts = () => ModelCutPoints.For(stripped);
        cuts.Should().Throw<ModelLoadException>().WithMessage("*no decile_cut_points.shock_intensity_z*");
        ModelCutPoints.For(frozen.Descriptor).RelVol.Should().HaveCount(9);
    }

    private string CopyEntry(string id, string? asId = null)
    {
        var target = Path.Combine(_temp, asId ?? id);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(TestData.RegistryDir, id)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private static void Edit(string dir, string file, string from, string to)
    {
        var path = Path.Combine(dir, file);
        var text = File.ReadAllText(path);
        text.Should().Contain(from);
        File.WriteAllText(path, text.Replace(from, to));
    }
}
