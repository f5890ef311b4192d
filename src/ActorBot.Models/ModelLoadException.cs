namespace ActorBot.Models;

/// <summary>
/// A model file was refused at load: unsupported operator or attribute, malformed tree, schema
/// hash mismatch, missing file. The message names the file and the field at fault.
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
