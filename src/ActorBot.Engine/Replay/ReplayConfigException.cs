namespace ActorBot.Engine.Replay;

/// <summary>A replay config or input that cannot be used; the message names the file and the field.</summary>
public sealed class ReplayConfigException : Exception
{
    public ReplayConfigException(string message)
        : base(message)
    {
    }

    public ReplayConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
