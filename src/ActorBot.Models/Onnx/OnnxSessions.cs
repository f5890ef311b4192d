using Microsoft.ML.OnnxRuntime;

namespace ActorBot.Models.Onnx;

/// <summary>Opens an ONNX Runtime session on model bytes, turning ORT's errors into <see cref="ModelLoadException"/>.</summary>
public static class OnnxSessions
{
    /// <summary>
    /// Opens a session on the exact bytes that were hashed (not the path), so the file cannot change
    /// between the sha256 check and the load.
    /// </summary>
    public static InferenceSession Open(string onnxPath, byte[] bytes)
    {
        // Before the first SessionOptions: creating one brings up ORT's environment, and with it the uploader.
        OrtTelemetry.EnsureOff();

        // One intra-op thread: a single-row tree ensemble gains nothing worth the spinning pool threads on a
        // box shared with the actor system, and ORT splits the tree sum across threads by core count, which
        // would let the summation order — and so p's last bits — depend on the machine.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            // No CPU arena and no memory-pattern planning: both exist to reuse big activation buffers across runs of
            // large networks; for one 24-feature row through a tree ensemble they only pre-reserve native memory that
            // stays resident for the life of the service (docs/benchmarks.md, RSS). The output is the same either way.
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
        };
        try
        {
            return new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"{onnxPath}: ONNX Runtime cannot load the model ({ex.Message.TrimEnd('.')}).", ex);
        }
    }
}
