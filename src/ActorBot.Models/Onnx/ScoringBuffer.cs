using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ActorBot.Models.Onnx;

/// <summary>
/// One row's input and output tensors, pinned over managed arrays and reused call after call, so a
/// score allocates no tensors. Not thread-safe: <see cref="OnnxScorer"/> hands each call its own.
/// </summary>
internal sealed class ScoringBuffer : IDisposable
{
    private readonly double[]? _doubleInput;
    private readonly float[]? _floatInput;
    private readonly double[]? _doubleOutput;
    private readonly float[]? _floatOutput;
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _runOptions = new();

    public ScoringBuffer(OnnxSignature signature)
    {
        long[] inputShape = [1, signature.FeatureCount];
        long[] outputShape = [1, signature.ClassCount];
        if (signature.InputType == TensorElementType.Double)
        {
            _doubleInput = new double[signature.FeatureCount];
            _inputs = [OrtValue.CreateTensorValueFromMemory(_doubleInput, inputShape)];
        }
        else
        {
            _floatInput = new float[signature.FeatureCount];
            _inputs = [OrtValue.CreateTensorValueFromMemory(_floatInput, inputShape)];
        }

        if (signature.ProbabilityType == TensorElementType.Double)
        {
            _doubleOutput = new double[signature.ClassCount];
            _outputs = [OrtValue.CreateTensorValueFromMemory(_doubleOutput, outputShape)];
        }
        else
        {
            _floatOutput = new float[signature.ClassCount];
            _outputs = [OrtValue.CreateTensorValueFromMemory(_floatOutput, outputShape)];
        }
    }

    /// <summary>Runs one encoded row and returns the probability in column <paramref name="classIndex"/>.</summary>
    public double Run(InferenceSession session, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<string> outputNames, ReadOnlySpan<double> encoded, int classIndex)
    {
        if (_doubleInput is not null)
        {
            encoded.CopyTo(_doubleInput);
        }
        else
        {
            // Exact: the input contract has already rounded every value to float32.
            for (var i = 0; i < encoded.Length; i++)
            {
                _floatInput![i] = (float)encoded[i];
            }
        }

        session.Run(_runOptions, inputNames, _inputs, outputNames, _outputs);
        return _doubleOutput is not null ? _doubleOutput[classIndex] : _floatOutput![classIndex];
    }

    public void Dispose()
    {
        _inputs[0].Dispose();
        _outputs[0].Dispose();
        _runOptions.Dispose();
    }
}
