namespace ActorBot.Hocon.Parsing;

/// <summary>State shared by a document and everything it includes: options and the include chain.</summary>
internal sealed class IncludeContext
{
    public const int MaxIncludeDepth = 32;

    public IncludeContext(HoconLoadOptions options)
    {
        Options = options;
    }

    public HoconLoadOptions Options { get; }

    /// <summary>Full paths of the files currently being included, outermost first (cycle detection).</summary>
    public List<string> Chain { get; } = new();
}
