namespace ActorBot.Models;

/// <summary>
/// A model file was refused at load: file or field missing, sha256 or schema hash mismatch, feature
/// names that disagree with the ONNX metadata, an input or output ONNX Runtime reports in a form we do
/// not score (not one [N, F] float/double input, no [N, C] probability tensor), or a file ONNX Runtime
/// cannot load. The message names the file and the field or problem at fault.
/// </summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
