using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace ActorBot.Models.Onnx;

/// <summary>
/// One model's ONNX Runtime session, created once at load and reused for every score. Thread-safe:
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// may be called concurrently, and each call borrows its own <see cref="ScoringBuffer"/> from a pool
/// (one per concurrent caller, reused afterwards). Dispose only after scoring has stopped.
/// </summary>
public sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly ConcurrentBag<ScoringBuffer> _idle = [];
    private int _disposed;

    /// <summary>Takes ownership of <paramref name="session"/>.</summary>
    public OnnxScorer(InferenceSession session, OnnxSignature signature)
    {
        _session = session;
        Signature = signature;
        _inputNames = [signature.InputName];
        _outputNames = [signature.ProbabilityOutput];
    }

    public OnnxSignature Signature { get; }

    /// <summary>The model's custom metadata (ONNX <c>metadata_props</c>), e.g. <c>feature_names</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>Scores one row that already follows the model's input contract; returns column <paramref name="classIndex"/>.</summary>
    public double Score(ReadOnlySpan<double> encoded, int classIndex)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (encoded.Length != Signature.FeatureCount)
        {
            throw new ArgumentException($"The model takes {Signature.FeatureCount} features, got {encoded.Length}.", nameof(encoded));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, Signature.ClassCount);
        var buffer = _idle.TryTake(out var idle) ? idle : new ScoringBuffer(Signature);
        try
        {
            return buffer.Run(_session, _inputNames, _outputNames, encoded, classIndex);
        }
        finally
        {
            _idle.Add(buffer);
            if (Volatile.Read(ref _disposed) != 0)
            {
                DrainIdle();
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        DrainIdle();
        _session.Dispose();
    }

    private void DrainIdle()
    {
        while (_idle.TryTake(out var buffer))
        {
            buffer.Dispose();
        }
    }
}
