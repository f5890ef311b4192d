using ActorBot.Hocon.Values;

namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Unresolved HOCON tree produced by the parser. Resolution (substitutions, concatenation,
/// delayed merges) turns it into immutable <see cref="HoconValue"/>s; each node memoises its
/// result so shared nodes are resolved once, and <see cref="State"/> detects cycles.
/// </summary>
internal abstract class AstNode
{
    protected AstNode(SourcePosition position)
    {
        Position = position;
    }

    public SourcePosition Position { get; }

    public ResolveState State { get; set; }

    /// <summary>Memoised result; null with <see cref="ResolveState.Done"/> means "undefined" (vanished).</summary>
    public HoconValue? Resolved { get; set; }
}

internal enum ResolveState
{
    Pending,
    Resolving,
    Done,
}

internal enum ScalarKind
{
    /// <summary>Quoted string: always a string.</summary>
    Quoted,
    /// <summary>Unquoted text: a number, boolean or null when it is the whole value, else text.</summary>
    Unquoted,
    /// <summary>Whitespace between parts of a concatenation.</summary>
    Whitespace,
}

internal sealed class AstScalar : AstNode
{
    public AstScalar(string text, ScalarKind kind, SourcePosition position)
        : base(position)
    {
        Text = text;
        Kind = kind;
    }

    public string Text { get; }

    public ScalarKind Kind { get; }
}

internal sealed class AstArray : AstNode
{
    public AstArray(SourcePosition position)
        : base(position)
    {
    }

    public List<AstNode> Items { get; } = new();
}

internal sealed class AstObject : AstNode
{
    public AstObject(SourcePosition position)
        : base(position)
    {
    }

    /// <summary>Fields in first-definition order.</summary>
    public Dictionary<string, AstNode> Fields { get; } = new(StringComparer.Ordinal);

    public List<string> Order { get; } = new();

    public void Set(string key, AstNode value)
    {
        if (!Fields.ContainsKey(key))
        {
            Order.Add(key);
        }

        Fields[key] = value;
    }
}

internal sealed class AstSubstitution : AstNode
{
    public AstSubstitution(IReadOnlyList<string> path, bool optional, IReadOnlyList<string> includePrefix, SourcePosition position)
        : base(position)
    {
        Path = path;
        Optional = optional;
        IncludePrefix = includePrefix;
    }

    /// <summary>The path as written.</summary>
    public IReadOnlyList<string> Path { get; }

    public bool Optional { get; }

    /// <summary>Where the file holding this substitution was included; the path is tried under it first.</summary>
    public IReadOnlyList<string> IncludePrefix { get; }

    /// <summary>
    /// For a file included into an object inside an array (which has no path in the configuration):
    /// that object, where the substitution is looked up before the configuration root.
    /// </summary>
    public AstObject? LocalRoot { get; init; }

    /// <summary>True once this substitution was found to refer to the field it defines (or inside it).</summary>
    public bool IsSelfReference { get; set; }

    /// <summary>Length of the defining field's path, for a self reference.</summary>
    public int SelfPathLength { get; set; }

    /// <summary>The value the defining field had before this definition (null: none), for a self reference.</summary>
    public AstNode? Previous { get; set; }

    public string Display => "${" + (Optional ? "?" : string.Empty) + string.Join('.', Path) + "}";

    public IReadOnlyList<string> FullPath => IncludePrefix.Count == 0 ? Path : IncludePrefix.Concat(Path).ToList();
}

/// <summary>Value concatenation: simple values, arrays or objects written next to each other.</summary>
internal sealed class AstConcatenation : AstNode
{
    public AstConcatenation(List<AstNode> parts, SourcePosition position)
        : base(position)
    {
        Parts = parts;
    }

    public List<AstNode> Parts { get; }
}

/// <summary>
/// A field defined more than once where the later definition could not be merged at parse time
/// (it contains substitutions). Resolved top-down: a non-object top value wins outright, an
/// object top value is merged over what lies below, an undefined one falls through.
/// </summary>
internal sealed class AstDelayedMerge : AstNode
{
    public AstDelayedMerge(AstNode below, AstNode top, SourcePosition position)
        : base(position)
    {
        Below = below;
        Top = top;
    }

    public AstNode Below { get; }

    public AstNode Top { get; }
}
