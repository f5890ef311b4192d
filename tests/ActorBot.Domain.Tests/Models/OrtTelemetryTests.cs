using ActorBot.Domain.Models;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models.Onnx;
using ActorBot.Models.Registry;

namespace ActorBot.Domain.Tests.Models;

public sealed class OrtTelemetryTests
{
    [Fact(DisplayName = "Opening a model sets ORT_DISABLE_TELEMETRY=1 in the native environment ONNX Runtime reads")]
    public void NativeVariableSetBySessionOpen()
    {
        using var registry = ModelRegistry.Load(TestData.RegistryDir, new FeatureSchema(ModelVectors.FeatureNames));
        registry.Active.Should().NotBeNull();
        OrtTelemetry.NativeValue().Should().Be("1");
    }
}
