namespace ActorBot.Hocon;

/// <summary>A place in a HOCON source: file (or "string"), 1-based line and column.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <summary>Position used for values that were not read from any source (defaults, merges).</summary>
    public static SourcePosition None { get; } = new("<none>", 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
